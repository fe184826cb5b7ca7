package io.dtm.client;

/**
 * The coordinator refused a call with HTTP 409 ({@code FAILURE}) because it conflicts
 * with the transaction's stored state: a {@code prepare} of a gid that is already in
 * another status, a {@code submit} of a transaction that already finished, a branch
 * registration for a transaction that is no longer prepared. A {@code waitResult()}
 * transaction that ran and failed is not a refusal: it is reported as {@link DtmFailure}.
 * Carries the gid, the endpoint and the coordinator's message. Not retryable: the same
 * call will be refused again.
 */
public final class DtmRejectedException extends DtmException {

	private final String endpoint;

	DtmRejectedException(String endpoint, String gid, String message) {
		super("dtm coordinator refused " + endpoint + " of gid '" + gid + "': " + message, gid, null);
		this.endpoint = endpoint;
	}

	/**
	 * The coordinator endpoint that refused, such as {@code prepare}.
	 * @return the endpoint name
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

	@Override
	public boolean isRetryable() {
		return false;
	}

}
