package io.dtm.server.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the secrets a branch URL or branch header may carry before it is logged or shown:
 * the password of a URL's user info ({@code https://svc:pw@host/}) and the values of
 * query parameters named like credentials ({@code token}, {@code key}, {@code secret},
 * {@code password}, {@code signature}, {@code auth}…), and every branch header's value.
 * What is stored and sent to the participant is never changed.
 */
public final class Redaction {

	/** What replaces a hidden value. */
	public static final String MASK = "******";

	private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/@?#:]*):[^/@?#]*@");

	/** A user info without a password ({@code https://TOKEN@host/}): a token, often. */
	private static final Pattern USER_ONLY = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@?#:]+@");

	private static final Pattern QUERY_PARAMETER = Pattern.compile("([?&;])([^=&;#]+)=([^&;#]*)");

	private static final Pattern SECRET_NAME = Pattern
		.compile(".*(token|key|secret|pass|pwd|pw|jwt|signature|sig|auth|credential|session|cookie).*");

	private Redaction() {
	}

	/**
	 * A URL with its secrets hidden.
	 * @param url the URL, may be {@code null}
	 * @return the URL to log or show
	 */
	public static String url(String url) {
		if (url == null || url.isEmpty()) {
			return url;
		}
		String hidden = USER_INFO.matcher(url).replaceFirst("$1:" + MASK + "@");
		if (!hidden.contains(MASK + "@")) {
			hidden = USER_ONLY.matcher(hidden).replaceFirst("$1" + MASK + "@");
		}
		if (hidden.indexOf('?') < 0) {
			return hidden;
		}
		Matcher parameters = QUERY_PARAMETER.matcher(hidden);
		StringBuilder result = new StringBuilder(hidden.length());
		while (parameters.find()) {
			String name = parameters.group(2);
			String value = SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches() ? MASK : parameters.group(3);
			parameters.appendReplacement(result, Matcher.quoteReplacement(parameters.group(1) + name + "=" + value));
		}
		parameters.appendTail(result);
		return result.toString();
	}

	/**
	 * Branch headers with every value hidden: they are how participants authenticate the
	 * coordinator's calls.
	 * @param headers the headers, may be {@code null}
	 * @return the names with hidden values
	 */
	public static Map<String, String> headers(Map<String, String> headers) {
		Map<String, String> hidden = new LinkedHashMap<>();
		if (headers != null) {
			headers.forEach((name, value) -> hidden.put(name, MASK));
		}
		return hidden;
	}

}
