package io.dtm.server.engine;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Says in words why a branch call got no answer: the JDK's exceptions often carry no
 * message ({@code ConnectException: null}), which tells an operator nothing. Each reason
 * also has a short code for the branch call records.
 */
final class TransportErrors {

	/** Code of a call nobody accepted. */
	static final String CONNECTION_REFUSED = "connection refused";

	/** Code of a connection that was not set up in time. */
	static final String CONNECT_TIMEOUT = "connect timeout";

	/** Code of a host name that does not resolve. */
	static final String UNKNOWN_HOST = "unknown host";

	/** Code of a host that cannot be reached. */
	static final String NO_ROUTE = "no route to host";

	/** Code of a failed TLS handshake. */
	static final String TLS = "tls error";

	/** Code of a connection the participant reset. */
	static final String CONNECTION_RESET = "connection reset";

	/** Code of a connection closed before an answer. */
	static final String CONNECTION_CLOSED = "connection closed";

	/** Code of any other transport failure. */
	static final String TRANSPORT = "transport error";

	private TransportErrors() {
	}

	/**
	 * Describe a failed call.
	 * @param error what the HTTP client threw
	 * @return a short phrase such as {@code connection refused}
	 */
	static String describe(Throwable error) {
		return classify(error).detail();
	}

	/**
	 * The code and the description of a failed call.
	 * @param error what the client threw
	 * @return the reason
	 */
	static Reason classify(Throwable error) {
		// the JDK client wraps the specific cause (an unresolved address, say) in a
		// ConnectException, so the whole chain is read before "connection refused"
		boolean refused = false;
		boolean closed = false;
		int depth = 0;
		for (Throwable cause = error; cause != null && depth < 10; cause = cause.getCause(), depth++) {
			Reason reason = known(cause);
			if (reason != null) {
				return reason;
			}
			refused |= cause instanceof ConnectException;
			closed |= cause instanceof ClosedChannelException;
		}
		if (refused) {
			return new Reason(CONNECTION_REFUSED, "connection refused");
		}
		if (closed) {
			return new Reason(CONNECTION_CLOSED, "connection closed before an answer");
		}
		String message = error.getMessage();
		return new Reason(TRANSPORT,
				error.getClass().getSimpleName() + ((message != null && !message.isBlank()) ? ": " + message : ""));
	}

	private static Reason known(Throwable cause) {
		if (cause instanceof HttpConnectTimeoutException) {
			return new Reason(CONNECT_TIMEOUT, "connect timed out");
		}
		if (cause instanceof HttpTimeoutException) {
			return new Reason(BranchCallResult.TIMEOUT, "timed out");
		}
		if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
			return new Reason(UNKNOWN_HOST, "unknown host" + detail(cause));
		}
		if (cause instanceof NoRouteToHostException) {
			return new Reason(NO_ROUTE, "no route to host");
		}
		if (cause instanceof SSLException) {
			return new Reason(TLS, "TLS handshake failed" + detail(cause));
		}
		String message = cause.getMessage();
		if (message != null && message.toLowerCase(Locale.ROOT).contains("connection reset")) {
			return new Reason(CONNECTION_RESET, "connection reset by the participant");
		}
		return null;
	}

	private static String detail(Throwable cause) {
		String message = cause.getMessage();
		return (message != null && !message.isBlank()) ? " (" + message + ")" : "";
	}

	/**
	 * Why a call got no answer.
	 *
	 * @param code the short code
	 * @param detail the phrase for logs and rollback reasons
	 */
	record Reason(String code, String detail) {

	}

}
