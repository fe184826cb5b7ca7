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
	public static class Failed extends DtmApiException {

		public Failed(String message) {
			super(message);
		}

	}

	/**
	 * A client's mistake that dtm answers as a server error (HTTP 500), such as an
	 * unknown gid, topic or subscriber or a missing gid: a {@link Failed}, or its own 4xx
	 * status with {@code dtm.server.strict.client-errors}.
	 */
	public static final class ClientError extends Failed {

		private final int strictStatus;

		private ClientError(int strictStatus, String message) {
			super(message);
			this.strictStatus = strictStatus;
		}

		/**
		 * An unknown gid, topic or subscriber (404 when strict).
		 * @param message what is unknown
		 * @return the exception
		 */
		public static ClientError notFound(String message) {
			return new ClientError(404, message);
		}

		/**
		 * A missing parameter (400 when strict).
		 * @param message what is missing
		 * @return the exception
		 */
		public static ClientError missing(String message) {
			return new ClientError(400, message);
		}

		/**
		 * The HTTP status with {@code dtm.server.strict.client-errors}.
		 * @return 404 or 400
		 */
		public int strictStatus() {
			return this.strictStatus;
		}

	}

}
