package io.dtm.server.api.jsonrpc;

import java.util.Optional;

import io.dtm.core.JsonRpcCodes;
import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.server.diagnostics.StoreFailures;
import io.dtm.server.service.DtmApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Maps what a method throws to a JSON-RPC error as dtm does: a conflict with the stored
 * state or a failed {@code wait_result} (HTTP 409, dtm's {@code FAILURE}) is -32901;
 * everything else is -32603 with the message, including {@code ONGOING} (dtm does not
 * answer -32902 on its own endpoint). A store failure's message is its D-code diagnosis,
 * never the store's text.
 */
final class JsonRpcErrorMapper {

	private static final Logger logger = LoggerFactory.getLogger(JsonRpcErrorMapper.class);

	private final ObjectProvider<StoreFailures> storeFailures;

	JsonRpcErrorMapper(ObjectProvider<StoreFailures> storeFailures) {
		this.storeFailures = storeFailures;
	}

	JsonRpcError map(RuntimeException ex) {
		if (ex instanceof JsonRpcError error) {
			return error;
		}
		if (ex instanceof DtmApiException.Conflict) {
			return new JsonRpcError(JsonRpcCodes.FAILURE, ex.getMessage());
		}
		if (ex instanceof DtmApiException) {
			return new JsonRpcError(JsonRpcCodes.INTERNAL_ERROR, ex.getMessage());
		}
		StoreFailures failures = this.storeFailures.getIfAvailable();
		Optional<Diagnosis> diagnosis = (failures != null) ? failures.diagnose(ex) : Optional.empty();
		if (diagnosis.isPresent()) {
			failures.report(ex);
			return new JsonRpcError(JsonRpcCodes.INTERNAL_ERROR, diagnosis.get().message());
		}
		logger.error("json-rpc request failed", ex);
		return new JsonRpcError(JsonRpcCodes.INTERNAL_ERROR, String.valueOf(ex.getMessage()));
	}

}
