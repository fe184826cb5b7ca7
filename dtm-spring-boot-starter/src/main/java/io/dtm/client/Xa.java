package io.dtm.client;

import java.util.Map;

import io.dtm.core.BranchOp;
import io.dtm.core.TransType;

import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;

/**
 * Calls XA branches inside a global transaction. Each participant runs its local work
 * inside {@code XA START}…{@code XA PREPARE} and registers itself with the coordinator
 * (see {@link io.dtm.client.xa.XaParticipant}); the coordinator later calls the same URL
 * with {@code op=commit} or {@code op=rollback}. Given to the callback of
 * {@link DtmOperations#xa(String, java.util.function.Consumer)}. Thread-safe.
 */
public final class Xa {

	private final DtmTemplate template;

	private final String gid;

	private final BranchIds ids;

	private final Map<String, String> branchHeaders;

	Xa(DtmTemplate template, String gid, Map<String, String> branchHeaders) {
		this.template = template;
		this.gid = gid;
		this.ids = new BranchIds(gid, null);
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
	 * Call an XA branch: POST to {@code url} with {@code gid}, {@code trans_type=xa},
	 * {@code branch_id}, {@code op=action} and {@code phase2_url} (the same URL) in the
	 * query.
	 * @param payload the body: a {@code String} is sent as is, anything else is written
	 * as JSON
	 * @param url the participant's XA endpoint, which also answers phase 2
	 * @return the participant's answer
	 * @throws DtmFailure if the participant answered 409 or a body containing
	 * {@code FAILURE}
	 * @throws DtmBranchException if it answered anything else that is not a success
	 */
	public BranchResponse callBranch(Object payload, String url) {
		Assert.hasText(url, "'url' must not be empty");
		String branchId = this.ids.next();
		String body = this.template.payload(payload);
		CoordinatorClient.BranchCall call = this.template.client()
			.callBranch(HttpMethod.POST, url, TransType.XA, this.gid, branchId, BranchOp.ACTION,
					Map.of("phase2_url", url), (body != null) ? body : "", this.branchHeaders);
		return this.template.branchResponse(this.gid, branchId, url, call);
	}

}
