package io.dtm.server.api.grpc;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.dtm.core.TransRequest;
import io.dtm.grpc.DtmBranchRequest;
import io.dtm.grpc.DtmRequest;
import io.dtm.grpc.DtmTransOptions;
import io.dtm.server.service.DtmApiException;

/**
 * Reads dtm's gRPC messages into the requests the service layer takes, field by field as
 * dtm's {@code TransFromDtmRequest} does: the protocol is {@code grpc}, step payloads are
 * the raw {@code BinPayloads}, {@code Steps} is the JSON text of the step maps and unset
 * options are zero (which the service layer reads as "use the default").
 */
final class GrpcRequests {

	/** The protocol stored with every transaction that arrives over gRPC. */
	static final String PROTOCOL = "grpc";

	private static final TypeReference<List<Map<String, String>>> STEPS = new TypeReference<>() {
	};

	private final ObjectMapper objectMapper;

	GrpcRequests(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	/**
	 * The transaction of a {@code Submit}, {@code Prepare} or {@code Abort}.
	 * @param request the gRPC message
	 * @return the request for the service layer
	 * @throws DtmApiException.BadRequest when {@code Steps} is not a JSON array of step
	 * objects
	 */
	TransRequest trans(DtmRequest request) {
		DtmTransOptions options = request.getTransOptions();
		List<byte[]> payloads = request.getBinPayloadsList().stream().map(ByteString::toByteArray).toList();
		return new TransRequest(request.getGid(), request.getTransType(), steps(request.getSteps()), List.of(),
				request.getCustomedData(), request.getQueryPrepared(), PROTOCOL, options.getWaitResult(),
				options.getTimeoutToFail(), options.getRequestTimeout(), options.getRetryInterval(),
				options.getBranchHeadersMap().isEmpty() ? null : new LinkedHashMap<>(options.getBranchHeadersMap()),
				false, options.getRetryLimit(), 0, request.getRollbackReason(),
				request.getReqExtraMap().isEmpty() ? null : new LinkedHashMap<>(request.getReqExtraMap()), payloads);
	}

	/**
	 * The fields of a {@code RegisterBranch}: gid, trans_type, branch_id and the
	 * {@code Data} map (the branch URLs).
	 * @param request the gRPC message
	 * @return the fields, as the HTTP body would carry them without {@code data}
	 */
	static Map<String, String> branchFields(DtmBranchRequest request) {
		Map<String, String> fields = new LinkedHashMap<>(request.getDataMap());
		fields.remove("data");
		fields.put("gid", request.getGid());
		fields.put("trans_type", request.getTransType());
		fields.put("branch_id", request.getBranchID());
		return fields;
	}

	private List<Map<String, String>> steps(String json) {
		if (json == null || json.isEmpty()) {
			return List.of();
		}
		try {
			List<Map<String, String>> steps = this.objectMapper.readValue(json, STEPS);
			return (steps != null) ? steps : List.of();
		}
		catch (IOException ex) {
			throw new DtmApiException.BadRequest(
					"Steps is not a JSON array of step objects with string values: " + firstLine(ex.getMessage()));
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

}
