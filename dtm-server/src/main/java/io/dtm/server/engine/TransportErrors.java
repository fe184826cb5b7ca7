package io.dtm.server.engine;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * Says in words why a branch call got no answer: the JDK's exceptions often carry no
 * message ({@code ConnectException: null}), which tells an operator nothing.
 */
final class TransportErrors {

	private TransportErrors() {
	}

	/**
	 * Describe a failed call.
	 * @param error what the HTTP client threw
	 * @return a short phrase such as {@code connection refused}
	 */
	static String describe(Throwable error) {
		// the JDK client wraps the specific cause (an unresolved address, say) in a
		// ConnectException, so the whole chain is read before "connection refused"
		boolean refused = false;
		boolean closed = false;
		int depth = 0;
		for (Throwable cause = error; cause != null && depth < 10; cause = cause.getCause(), depth++) {
			String phrase = phrase(cause);
			if (phrase != null) {
				return phrase;
			}
			refused |= cause instanceof ConnectException;
			closed |= cause instanceof ClosedChannelException;
		}
		if (refused) {
			return "connection refused";
		}
		if (closed) {
			return "connection closed before an answer";
		}
		String message = error.getMessage();
		return error.getClass().getSimpleName() + ((message != null && !message.isBlank()) ? ": " + message : "");
	}

	private static String phrase(Throwable cause) {
		if (cause instanceof HttpConnectTimeoutException) {
			return "connect timed out";
		}
		if (cause instanceof HttpTimeoutException) {
			return "timed out";
		}
		if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
			return "unknown host" + detail(cause);
		}
		if (cause instanceof NoRouteToHostException) {
			return "no route to host";
		}
		if (cause instanceof SSLException) {
			return "TLS handshake failed" + detail(cause);
		}
		String message = cause.getMessage();
		if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("connection reset")) {
			return "connection reset by the participant";
		}
		return null;
	}

	private static String detail(Throwable cause) {
		String message = cause.getMessage();
		return (message != null && !message.isBlank()) ? " (" + message + ")" : "";
	}

}
