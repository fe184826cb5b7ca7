package io.dtm.client;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.core.BranchOp;
import io.dtm.core.TransType;

import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;

/**
 * Calls TCC branches inside a global transaction: register the branch's confirm and
 * cancel URLs with the coordinator, then call its try. Given to the callback of
 * {@link DtmOperations#tcc(String, java.util.function.Consumer)}, or obtained with
 * {@link DtmOperations#nestedTcc(String, String)} inside a try handler to call nested
 * branches. Thread-safe.
 */
public final class Tcc {

	private final DtmTemplate template;

	private final String gid;

	private final BranchIds ids;

	private final Map<String, String> branchHeaders;

	Tcc(DtmTemplate template, String gid, String parentBranchId, Map<String, String> branchHeaders) {
		this.template = template;
		this.gid = gid;
		this.ids = new BranchIds(gid, parentBranchId);
		this.branchHeaders = Map.copyOf(branchHeaders);
	}

	/**
	 * The global transaction id.
	 * @return the gid
	 */
	public String getGid() {
		return this.gid;
	}

	/**
	 * Register a branch and call its try (POST, with {@code gid}, {@code trans_type=tcc},
	 * {@code branch_id} and {@code op=try} in the query). The coordinator calls confirm
	 * after submit or cancel after abort, with the same payload.
	 * @param payload body of try, confirm and cancel: a {@code String} is sent as is,
	 * anything else is written as JSON
	 * @param tryUrl the try URL
	 * @param confirmUrl the confirm URL
	 * @param cancelUrl the cancel URL
	 * @return the try's answer
	 * @throws DtmFailure if try answered 409 or a body containing {@code FAILURE}
	 * @throws DtmBranchException if try answered anything else that is not a success
	 */
	public BranchResponse callBranch(Object payload, String tryUrl, String confirmUrl, String cancelUrl) {
		Assert.hasText(tryUrl, "'tryUrl' must not be empty");
		Assert.hasText(confirmUrl, "'confirmUrl' must not be empty");
		Assert.hasText(cancelUrl, "'cancelUrl' must not be empty");
		String branchId = this.ids.next();
		String body = this.template.payload(payload);
		Map<String, String> targets = new LinkedHashMap<>();
		targets.put("confirm", confirmUrl);
		targets.put("cancel", cancelUrl);
		this.template.client()
			.registerBranch(
					new BranchRegistration(this.gid, TransType.TCC, branchId, targets, (body != null) ? body : ""));
		CoordinatorClient.BranchCall call = this.template.client()
			.callBranch(HttpMethod.POST, tryUrl, TransType.TCC, this.gid, branchId, BranchOp.TRY, Map.of(),
					(body != null) ? body : "", this.branchHeaders);
		return this.template.branchResponse(this.gid, branchId, tryUrl, call);
	}

}
