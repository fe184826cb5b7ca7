package io.dtm.server.api.grpc;

import java.util.Optional;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.server.diagnostics.StoreFailures;
import io.dtm.server.service.DtmApiException;
import io.grpc.Status;
import io.grpc.StatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/**
 * Maps what a {@code dtmgimp.Dtm} method throws to a gRPC status as dtm does:
 * <ul>
 * <li>a conflict with the stored state or a failed {@code wait_result} (HTTP 409, dtm's
 * {@code FAILURE}): {@code ABORTED};</li>
 * <li>{@code ONGOING} (HTTP 425): {@code FAILED_PRECONDITION};</li>
 * <li>bad input (HTTP 400): {@code INTERNAL}, as dtm answers a request its checks panic
 * on, or {@code INVALID_ARGUMENT} with {@code dtm.server.strict.grpc-status};</li>
 * <li>any other refusal (HTTP 500, such as an unknown gid or a branch error):
 * {@code UNKNOWN}, as grpc-go answers a plain error;</li>
 * <li>a store failure: {@code UNAVAILABLE} (store unreachable, worth a retry) or
 * {@code INTERNAL}, with the D-code diagnosis as the description, never the store's
 * text.</li>
 * </ul>
 * Every description is the message the HTTP API would answer.
 */
class DtmGrpcExceptionHandler implements GrpcExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(DtmGrpcExceptionHandler.class);

	private final ObjectProvider<StoreFailures> storeFailures;

	private final boolean strictStatus;

	DtmGrpcExceptionHandler(ObjectProvider<StoreFailures> storeFailures, boolean strictStatus) {
		this.storeFailures = storeFailures;
		this.strictStatus = strictStatus;
	}

	@Override
	public StatusException handleException(Throwable exception) {
		return status(exception).asException();
	}

	Status status(Throwable exception) {
		if (exception instanceof DtmApiException.Conflict) {
			return Status.ABORTED.withDescription(exception.getMessage());
		}
		if (exception instanceof DtmApiException.Ongoing) {
			return Status.FAILED_PRECONDITION.withDescription(exception.getMessage());
		}
		if (exception instanceof DtmApiException.BadRequest) {
			return (this.strictStatus ? Status.INVALID_ARGUMENT : Status.INTERNAL)
				.withDescription(exception.getMessage());
		}
		if (exception instanceof DtmApiException) {
			return Status.UNKNOWN.withDescription(exception.getMessage());
		}
		StoreFailures failures = this.storeFailures.getIfAvailable();
		Optional<Diagnosis> diagnosis = (failures != null) ? failures.diagnose(exception) : Optional.empty();
		if (diagnosis.isPresent()) {
			failures.report(exception);
			Diagnosis d = diagnosis.get();
			return (StoreFailures.isOutage(d) ? Status.UNAVAILABLE : Status.INTERNAL).withDescription(d.message());
		}
		logger.error("gRPC request failed", exception);
		return Status.INTERNAL.withDescription(String.valueOf(exception.getMessage()));
	}

}
