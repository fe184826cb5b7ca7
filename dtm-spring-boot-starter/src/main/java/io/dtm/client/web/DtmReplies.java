package io.dtm.client.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.core.DtmResult;

import org.springframework.http.ResponseEntity;

/**
 * Replies a branch handler sends to the coordinator: the status code is the contract (200
 * SUCCESS, 409 FAILURE, 425 ONGOING) and the body carries {@code dtm_result} for older
 * clients.
 */
public final class DtmReplies {

	private DtmReplies() {
	}

	/**
	 * 200 {@code {"dtm_result":"SUCCESS"}}.
	 * @return the reply
	 */
	public static ResponseEntity<Map<String, Object>> success() {
		return of(DtmResult.SUCCESS, null);
	}

	/**
	 * 409 {@code {"dtm_result":"FAILURE","message":…}}: the business refused; a saga
	 * rolls back, a msg check-back fails the message.
	 * @param message why
	 * @return the reply
	 */
	public static ResponseEntity<Map<String, Object>> failure(String message) {
		return of(DtmResult.FAILURE, message);
	}

	/**
	 * 425 {@code {"dtm_result":"ONGOING"}}: ask again later.
	 * @param message what is still running, may be {@code null}
	 * @return the reply
	 */
	public static ResponseEntity<Map<String, Object>> ongoing(String message) {
		return of(DtmResult.ONGOING, message);
	}

	/**
	 * The reply for a result.
	 * @param result the result
	 * @param message a message, may be {@code null}
	 * @return the reply
	 */
	public static ResponseEntity<Map<String, Object>> of(DtmResult result, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("dtm_result", result.wireValue());
		if (message != null) {
			body.put("message", message);
		}
		return ResponseEntity.status(result.httpStatus()).body(body);
	}

	/**
	 * The reply for an exception: {@link DtmFailure} → 409, {@link DtmOngoing} → 425.
	 * @param ex the exception
	 * @return the reply, or {@code null} for any other exception (answer 500 so the
	 * coordinator retries)
	 */
	public static ResponseEntity<Map<String, Object>> from(Throwable ex) {
		if (ex instanceof DtmFailure failure) {
			return failure(failure.getMessage());
		}
		if (ex instanceof DtmOngoing ongoing) {
			return ongoing(ongoing.getMessage());
		}
		return null;
	}

}
