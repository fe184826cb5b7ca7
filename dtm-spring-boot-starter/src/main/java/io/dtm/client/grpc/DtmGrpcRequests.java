package io.dtm.client.grpc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.dtm.client.BranchRegistration;
import io.dtm.client.DtmRequestException;
import io.dtm.core.TransRequest;
import io.dtm.grpc.DtmBranchRequest;
import io.dtm.grpc.DtmRequest;
import io.dtm.grpc.DtmTransOptions;

/**
 * The starter's coordinator requests as dtm's gRPC messages, field for field as dtm's Go
 * SDK fills them: step payloads as {@code BinPayloads} (the JSON text's UTF-8 bytes),
 * steps as JSON text, options in {@code TransOptions} (always present), the saga's
 * {@code concurrent}/{@code orders} and the msg's {@code delay} in {@code CustomedData}.
 */
public final class DtmGrpcRequests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private DtmGrpcRequests() {
	}

	/**
	 * A {@code prepare}, {@code submit} or {@code abort} request.
	 * @param request the request as the HTTP API takes it
	 * @return the gRPC request
	 * @throws DtmRequestException for a concurrent msg: dtm's gRPC API has no field for
	 * it
	 */
	public static DtmRequest toDtmRequest(TransRequest request) {
		if (request.concurrent()) {
			throw new DtmRequestException(request.gid(),
					"a concurrent msg cannot be sent over gRPC: dtm's DtmTransOptions has no 'concurrent' field; "
							+ "use dtm.client.transport=http for it");
		}
		DtmTransOptions.Builder options = DtmTransOptions.newBuilder()
			.setWaitResult(request.waitResult())
			.setTimeoutToFail(request.timeoutToFail())
			.setRetryInterval(request.retryInterval())
			.setRequestTimeout(request.requestTimeout())
			.setRetryLimit(request.retryLimit());
		if (request.branchHeaders() != null) {
			options.putAllBranchHeaders(request.branchHeaders());
		}
		DtmRequest.Builder builder = DtmRequest.newBuilder()
			.setGid(text(request.gid()))
			.setTransType(text(request.transType()))
			.setTransOptions(options)
			.setCustomedData(text(request.customData()))
			.setQueryPrepared(text(request.queryPrepared()))
			.setSteps(steps(request.steps()))
			.setRollbackReason(text(request.rollbackReason()));
		for (ByteString payload : payloads(request)) {
			builder.addBinPayloads(payload);
		}
		if (request.reqExtra() != null) {
			builder.putAllReqExtra(request.reqExtra());
		}
		return builder.build();
	}

	/**
	 * A {@code registerBranch} request: the phase-two targets in {@code Data}, the
	 * payload's UTF-8 bytes in {@code BusiPayload}.
	 * @param registration the branch
	 * @return the gRPC request
	 */
	public static DtmBranchRequest toBranchRequest(BranchRegistration registration) {
		DtmBranchRequest.Builder builder = DtmBranchRequest.newBuilder()
			.setGid(registration.gid())
			.setTransType(registration.transType().wireValue())
			.setBranchID(registration.branchId())
			.putAllData(registration.targets());
		if (registration.payload() != null) {
			builder.setBusiPayload(ByteString.copyFromUtf8(registration.payload()));
		}
		return builder.build();
	}

	private static List<ByteString> payloads(TransRequest request) {
		if (request.binPayloads() != null) {
			return request.binPayloads().stream().map(ByteString::copyFrom).toList();
		}
		if (request.payloads() == null) {
			return List.of();
		}
		return request.payloads()
			.stream()
			.map((payload) -> ByteString.copyFrom(text(payload), StandardCharsets.UTF_8))
			.toList();
	}

	/**
	 * The steps as JSON text; empty (not {@code null}) when there are none, which dtm
	 * reads as no steps.
	 */
	private static String steps(List<Map<String, String>> steps) {
		if (steps == null) {
			return "";
		}
		try {
			return JSON.writeValueAsString(steps);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

}
