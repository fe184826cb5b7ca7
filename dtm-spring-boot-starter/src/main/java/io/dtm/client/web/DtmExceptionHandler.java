package io.dtm.client.web;

import java.util.Map;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.DtmRequestException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns {@link DtmFailure} thrown by any controller into 409
 * {@code {"dtm_result":"FAILURE","message":…}} and {@link DtmOngoing} into 425
 * {@code {"dtm_result":"ONGOING"}}; a request that is not a valid branch call
 * ({@link DtmRequestException}) is answered 400 with a message. Lowest precedence, so an
 * application's own advice for these types wins.
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
	 * 400 with the reason.
	 * @param ex the bad request
	 * @return the reply
	 */
	@ExceptionHandler(DtmRequestException.class)
	public ResponseEntity<Map<String, Object>> badRequest(DtmRequestException ex) {
		return ResponseEntity.badRequest().body(Map.of("message", String.valueOf(ex.getMessage())));
	}

}
