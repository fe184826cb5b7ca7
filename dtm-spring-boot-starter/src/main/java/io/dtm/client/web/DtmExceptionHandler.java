package io.dtm.client.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.DtmRequestException;
import io.dtm.client.barrier.BarrierTableMissingException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns {@link DtmFailure} thrown by any controller into 409
 * {@code {"dtm_result":"FAILURE","message":…}} and {@link DtmOngoing} into 425
 * {@code {"dtm_result":"ONGOING"}}; a request that is not a valid branch call
 * ({@link DtmRequestException}) is answered 400 with a message, and a missing barrier
 * table ({@link BarrierTableMissingException}) 500 with the D1001 message that says how
 * to create it. Lowest precedence, so an application's own advice for these types wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class DtmExceptionHandler {

	/**
	 * 409 FAILURE.
	 * @param ex the refusal
	 * @return the reply
	 */
	@ExceptionHandler(DtmFailure.class)
	public ResponseEntity<Map<String, Object>> failure(DtmFailure ex) {
		return DtmReplies.failure(ex.getMessage());
	}

	/**
	 * 425 ONGOING.
	 * @param ex the ongoing signal
	 * @return the reply
	 */
	@ExceptionHandler(DtmOngoing.class)
	public ResponseEntity<Map<String, Object>> ongoing(DtmOngoing ex) {
		return DtmReplies.ongoing(ex.getMessage());
	}

	/**
	 * 500 {@code {"code":"D1001","message":"D1001 … barrier table missing … — set
	 * dtm.client.barrier.initialize-schema=true, or run …"}}: the coordinator retries the
	 * branch, which succeeds once the table exists.
	 * @param ex the missing table
	 * @return the reply
	 */
	@ExceptionHandler(BarrierTableMissingException.class)
	public ResponseEntity<Map<String, Object>> barrierTableMissing(BarrierTableMissingException ex) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", ex.getDiagnosis().code().name());
		body.put("message", ex.getMessage());
		return ResponseEntity.internalServerError().body(body);
	}

	/**
	 * 400 with the reason.
	 * @param ex the bad request
	 * @return the reply
	 */
	@ExceptionHandler(DtmRequestException.class)
	public ResponseEntity<Map<String, Object>> badRequest(DtmRequestException ex) {
		return ResponseEntity.badRequest().body(Map.of("message", String.valueOf(ex.getMessage())));
	}

}
