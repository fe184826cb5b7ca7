package io.dtm.server.store;

/**
 * Cuts text to the length of the column or field that keeps it.
 */
final class StoredText {

	private StoredText() {
	}

	/**
	 * Cut a text to at most {@code max} characters, never between the two halves of a
	 * surrogate pair.
	 * @param text the text, may be {@code null}
	 * @param max the most characters kept
	 * @return the text, empty for {@code null}
	 */
	static String cut(String text, int max) {
		if (text == null) {
			return "";
		}
		if (text.length() <= max) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
		return text.substring(0, end);
	}

}
