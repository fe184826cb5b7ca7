package io.dtm.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Why an HTTP call got no answer, in words, and whether the request can be known not to
 * have reached the server (only then may a coordinator call be sent again). Reads the
 * exceptions of the JDK client, Apache HttpComponents and {@code HttpURLConnection}; the
 * most specific signal in the cause chain wins (an unresolved host over the
 * {@code ConnectException} that wraps it).
 *
 * @param reason the cause in words, such as {@code connection refused}
 * @param notDelivered whether the server cannot have received the request
 */
record TransportFailure(String reason, boolean notDelivered) {

	static TransportFailure of(Throwable failure) {
		TransportFailure best = null;
		int bestRank = 0;
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			String message = (t.getMessage() != null) ? t.getMessage().toLowerCase(Locale.ROOT) : "";
			String type = t.getClass().getSimpleName();
			TransportFailure found = null;
			int rank = 1;
			if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
				found = new TransportFailure("unknown host", true);
				rank = 3;
			}
			else if (t instanceof HttpConnectTimeoutException || type.equals("ConnectTimeoutException")
					|| (t instanceof SocketTimeoutException && message.contains("connect"))) {
				found = new TransportFailure("connect timed out (dtm.client.connect-timeout)", true);
				rank = 3;
			}
			else if (t instanceof NoRouteToHostException) {
				found = new TransportFailure("no route to host", true);
				rank = 3;
			}
			else if (t instanceof ConnectException) {
				found = new TransportFailure("connection refused", true);
				rank = 2;
			}
			else if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
				found = new TransportFailure("timed out waiting for the answer (dtm.client.read-timeout)", false);
				rank = 2;
			}
			else if ((t instanceof IOException && message.contains("connection reset")) || t instanceof EOFException
					|| type.equals("NoHttpResponseException") || message.contains("received no bytes")) {
				found = new TransportFailure("connection reset before an answer", true);
				rank = 2;
			}
			if (found != null && rank > bestRank) {
				best = found;
				bestRank = rank;
			}
		}
		if (best != null) {
			return best;
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return new TransportFailure((root.getMessage() != null)
				? root.getClass().getSimpleName() + ": " + root.getMessage() : root.getClass().getSimpleName(), false);
	}

}
