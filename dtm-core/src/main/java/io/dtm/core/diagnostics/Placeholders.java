package io.dtm.core.diagnostics;

import java.util.Map;

/**
 * Fills the placeholders of the catalogue's texts ({@code <host>}, {@code <path>}, ...)
 * with the values a diagnosis knows; unknown or empty values leave the placeholder in
 * place, so the reader still sees what to put there.
 */
final class Placeholders {

	private Placeholders() {
	}

	static String fill(String text, Map<String, String> values) {
		if (text == null) {
			return null;
		}
		String filled = text;
		for (Map.Entry<String, String> value : values.entrySet()) {
			if (value.getValue() != null && !value.getValue().isEmpty()) {
				filled = filled.replace("<" + value.getKey() + ">", value.getValue());
			}
		}
		return filled;
	}

	/**
	 * {@code host} and {@code port} of a {@code host:port} address, as far as they can be
	 * told from it.
	 * @param address e.g. {@code 127.0.0.1:6379} or {@code redis://h:6379/0}
	 * @return the values, empty when the address is not of that form
	 */
	static Map<String, String> hostAndPort(String address) {
		String rest = address;
		int scheme = rest.indexOf("://");
		if (scheme >= 0) {
			rest = rest.substring(scheme + 3);
		}
		int slash = rest.indexOf('/');
		if (slash >= 0) {
			rest = rest.substring(0, slash);
		}
		int colon = rest.lastIndexOf(':');
		if (rest.isEmpty() || rest.contains(" ")) {
			return Map.of();
		}
		return (colon > 0) ? Map.of("host", rest.substring(0, colon), "port", rest.substring(colon + 1))
				: Map.of("host", rest);
	}

}
