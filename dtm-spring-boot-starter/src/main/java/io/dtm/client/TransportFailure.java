package io.dtm.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

/**
 * Why an HTTP call got no answer, in words, and whether the request can be known not to
 * have reached the server (only then may a coordinator call be sent again).
 *
 * @param reason the cause in words, such as {@code connection refused}
 * @param notDelivered whether the server cannot have received the request
 */
record TransportFailure(String reason, boolean notDelivered) {

	static TransportFailure of(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			String message = (t.getMessage() != null) ? t.getMessage().toLowerCase(Locale.ROOT) : "";
			if (t instanceof UnknownHostException) {
				return new TransportFailure(
						"unknown host" + ((t.getMessage() != null) ? " '" + firstWord(t.getMessage()) + "'" : ""),
						true);
			}
			String type = t.getClass().getSimpleName();
			if (t instanceof HttpConnectTimeoutException || type.equals("ConnectTimeoutException")
					|| (t instanceof SocketTimeoutException && message.contains("connect"))) {
				return new TransportFailure("connect timed out (dtm.client.connect-timeout)", true);
			}
			if (t instanceof NoRouteToHostException) {
				return new TransportFailure("no route to host", true);
			}
			if (t instanceof ConnectException) {
				return new TransportFailure("connection refused", true);
			}
			if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
				return new TransportFailure("timed out waiting for the answer (dtm.client.read-timeout)", false);
			}
			if ((t instanceof IOException && message.contains("connection reset")) || t instanceof EOFException
					|| type.equals("NoHttpResponseException") || message.contains("received no bytes")) {
				return new TransportFailure("connection reset before an answer", true);
			}
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return new TransportFailure((root.getMessage() != null)
				? root.getClass().getSimpleName() + ": " + root.getMessage() : root.getClass().getSimpleName(), false);
	}

	private static String firstWord(String text) {
		int space = text.indexOf(' ');
		int colon = text.indexOf(':');
		int end = (space < 0) ? colon : ((colon < 0) ? space : Math.min(space, colon));
		return (end > 0) ? text.substring(0, end) : text;
	}

}
