package io.dtm.server.engine;

import java.time.Duration;
import java.util.Map;

import io.dtm.core.BranchOp;
import io.dtm.core.TransType;

/**
 * Everything needed to call one branch.
 *
 * @param url the branch URL as stored (may name a service)
 * @param gid global id
 * @param transType mode
 * @param branchId branch id
 * @param op operation
 * @param payload body bytes; empty means GET without a body (except for xa)
 * @param headers extra headers
 * @param timeout call timeout
 * @param protocol the transaction's protocol: {@code http}, {@code json-rpc} or
 * {@code grpc}
 * @param opName the {@code op} sent to the participant: the operation's wire value, or a
 * workflow's name for the call that resumes it
 */
public record BranchRequest(String url, String gid, TransType transType, String branchId, BranchOp op, byte[] payload,
		Map<String, String> headers, Duration timeout, String protocol, String opName) {

	/**
	 * A call that sends the operation's wire value as {@code op}.
	 * @param url the branch URL as stored
	 * @param gid global id
	 * @param transType mode
	 * @param branchId branch id
	 * @param op operation
	 * @param payload body bytes
	 * @param headers extra headers
	 * @param timeout call timeout
	 * @param protocol the transaction's protocol
	 */
	public BranchRequest(String url, String gid, TransType transType, String branchId, BranchOp op, byte[] payload,
			Map<String, String> headers, Duration timeout, String protocol) {
		this(url, gid, transType, branchId, op, payload, headers, timeout, protocol, op.wireValue());
	}

}
