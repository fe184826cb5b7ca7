package io.dtm.client;

/**
 * What one coordinator call came to, as a {@link CoordinatorTransport} saw it on its
 * wire, before the starter turns it into a result or an exception (the same way for every
 * transport).
 *
 * @param kind what happened
 * @param target where the call went: the URL, or the gRPC target
 * @param status the answer's status in words, such as {@code HTTP 409} or
 * {@code gRPC ABORTED}; empty when there was no answer
 * @param httpStatus the HTTP status, 0 over gRPC or when there was no answer
 * @param message the coordinator's message, or the reason in words when there was no
 * answer
 * @param value the answer's payload: the gid of {@code newGid}, the body of an HTTP
 * answer; may be {@code null}
 * @param cause the transport's exception when there was no answer, else {@code null}
 */
public record CoordinatorReply(Kind kind, String target, String status, int httpStatus, String message, String value,
		Throwable cause) {

	/**
	 * A success.
	 * @param target where the call went
	 * @param status the status in words
	 * @param httpStatus the HTTP status, 0 over gRPC
	 * @param value the payload
	 * @return the reply
	 */
	public static CoordinatorReply success(String target, String status, int httpStatus, String value) {
		return new CoordinatorReply(Kind.SUCCESS, target, status, httpStatus, "", value, null);
	}

	/**
	 * An answer other than a success.
	 * @param kind the kind, not {@link Kind#SUCCESS}, {@link Kind#NOT_DELIVERED} or
	 * {@link Kind#NO_ANSWER}
	 * @param target where the call went
	 * @param status the status in words
	 * @param httpStatus the HTTP status, 0 over gRPC
	 * @param message the coordinator's message
	 * @param value the payload, may be {@code null}
	 * @return the reply
	 */
	public static CoordinatorReply answer(Kind kind, String target, String status, int httpStatus, String message,
			String value) {
		return new CoordinatorReply(kind, target, status, httpStatus, message, value, null);
	}

	/**
	 * A call that got no answer: {@link Kind#NOT_DELIVERED} when the exception shows the
	 * request cannot have reached the coordinator (connection refused, unknown host,
	 * connect time-out, reset before sending), else {@link Kind#NO_ANSWER}.
	 * @param target where the call went
	 * @param error the transport's exception
	 * @return the reply
	 */
	public static CoordinatorReply noAnswer(String target, Throwable error) {
		TransportFailure failure = TransportFailure.of(error);
		return new CoordinatorReply(failure.notDelivered() ? Kind.NOT_DELIVERED : Kind.NO_ANSWER, target, "", 0,
				failure.reason(), null, error);
	}

	/**
	 * A call that was not sent.
	 * @param target where it would have gone
	 * @param reason why, in words
	 * @param cause the exception, may be {@code null}
	 * @return the reply
	 */
	public static CoordinatorReply notSent(String target, String reason, Throwable cause) {
		return new CoordinatorReply(Kind.NOT_DELIVERED, target, "", 0, reason, null, cause);
	}

	/**
	 * What a coordinator call came to.
	 */
	public enum Kind {

		/** The coordinator did it (HTTP 2xx, gRPC OK). */
		SUCCESS,

		/**
		 * The coordinator answered {@code FAILURE} (HTTP 409, gRPC ABORTED): a refusal,
		 * or a wait-result transaction that failed.
		 */
		FAILURE,

		/**
		 * The coordinator answered {@code ONGOING} (HTTP 425, gRPC FAILED_PRECONDITION).
		 */
		ONGOING,

		/**
		 * The coordinator found the request malformed (HTTP 4xx, gRPC INVALID_ARGUMENT).
		 */
		BAD_REQUEST,

		/** Any other answer (HTTP 5xx, gRPC INTERNAL, UNKNOWN...). */
		ERROR,

		/** The request cannot have reached the coordinator: safe to send again. */
		NOT_DELIVERED,

		/** The request may have reached the coordinator, but no answer came. */
		NO_ANSWER

	}

}
