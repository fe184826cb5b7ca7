package io.dtm.client;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.core.TransType;

/**
 * A TCC or XA branch registered with the coordinator while its global transaction is
 * prepared ({@code registerBranch}).
 *
 * @param gid the gid
 * @param transType {@code tcc} or {@code xa}
 * @param branchId the branch id
 * @param targets where the coordinator calls the branch in phase two: tcc {@code confirm}
 * and {@code cancel}, xa {@code url}
 * @param payload the body of the phase-two calls (tcc), {@code null} for none (xa)
 */
public record BranchRegistration(String gid, TransType transType, String branchId, Map<String, String> targets,
		String payload) {

	/**
	 * The flat JSON object the HTTP API takes: {@code gid}, {@code trans_type},
	 * {@code branch_id}, with a payload {@code status=prepared} and {@code data}, then
	 * the targets.
	 * @return the body
	 */
	public Map<String, String> httpBody() {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("gid", this.gid);
		body.put("trans_type", this.transType.wireValue());
		body.put("branch_id", this.branchId);
		if (this.payload != null) {
			body.put("status", "prepared");
			body.put("data", this.payload);
		}
		body.putAll(this.targets);
		return body;
	}

}
