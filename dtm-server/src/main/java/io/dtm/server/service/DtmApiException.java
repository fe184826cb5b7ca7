package io.dtm.server.service;

/**
 * Root of the errors the coordinator reports to its clients. Each subclass maps to
 * exactly one HTTP status in {@code io.dtm.server.api.DtmExceptionHandler}.
 */
public abstract class DtmApiException extends RuntimeException {

	DtmApiException(String message) {
		super(message);
	}

	/**
	 * Bad input: HTTP 400 with a message that names the problem; nothing was written.
	 */
	public static final class BadRequest extends DtmApiException {

		public BadRequest(String message) {
			super(message);
		}

	}

	/**
	 * The request conflicts with the stored state: HTTP 409 with
	 * {@code dtm_result=FAILURE}, as dtm answers (for example "current status 'succeed',
	 * cannot prepare").
	 */
	public static final class Conflict extends DtmApiException {

		public Conflict(String message) {
			super(message);
		}

	}

	/**
	 * The transaction is not finished yet: HTTP 425 with {@code dtm_result=ONGOING}.
	 */
	public static final class Ongoing extends DtmApiException {

		public Ongoing(String message) {
			super(message);
		}

	}

	/**
	 * An unknown gid or a branch error surfaced by {@code wait_result}: HTTP 500 with a
	 * message, as dtm answers.
	 */
	public static final class Failed extends DtmApiException {

		public Failed(String message) {
			super(message);
		}

	}

}
