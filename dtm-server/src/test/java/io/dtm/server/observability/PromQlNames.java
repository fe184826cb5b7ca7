package io.dtm.server.observability;

import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a PromQL expression reads: a small tokenizer that skips string
 * literals, label matchers ({@code {...}}), ranges ({@code [...]}), grouping label lists
 * ({@code by (...)}, {@code on (...)}…), numbers, function calls, aggregation operators
 * and keywords.
 */
final class PromQlNames {

	/**
	 * Keywords, and the aggregation operators, which may stand before {@code by (...)}
	 * rather than their parenthesis.
	 */
	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"and", "or", "unless", "bool", "offset", "inf", "nan", "sum", "min", "max", "avg", "group", "stddev",
			"stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

	private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
			"group_right");

	private PromQlNames() {
	}

	/**
	 * The metric names of an expression.
	 * @param expression PromQL, possibly with Grafana variables
	 * @return the names, sorted
	 */
	static Set<String> of(String expression) {
		Set<String> names = new TreeSet<>();
		String text = expression;
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '"' || c == '\'' || c == '`') {
				i = skipString(text, i);
			}
			else if (c == '{') {
				i = skipTo(text, i, '}');
			}
			else if (c == '[') {
				i = skipTo(text, i, ']');
			}
			else if (Character.isDigit(c)
					|| (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
				i = skipNumber(text, i);
			}
			else if (c == '$') {
				i = skipWord(text, i + 1);
			}
			else if (isWordStart(c)) {
				int end = skipWord(text, i);
				String word = text.substring(i, end);
				int next = skipSpaces(text, end);
				boolean call = next < text.length() && text.charAt(next) == '(';
				if (LABEL_LISTS.contains(word.toLowerCase()) && call) {
					i = skipTo(text, next, ')');
				}
				else {
					if (!call && !KEYWORDS.contains(word.toLowerCase())) {
						names.add(word);
					}
					i = end;
				}
			}
			else {
				i++;
			}
		}
		return names;
	}

	private static boolean isWordStart(char c) {
		return Character.isLetter(c) || c == '_' || c == ':';
	}

	private static int skipWord(String text, int from) {
		int i = from;
		while (i < text.length()
				&& (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == ':')) {
			i++;
		}
		return i;
	}

	private static int skipNumber(String text, int from) {
		int i = from;
		while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.')) {
			i++;
		}
		return i;
	}

	private static int skipSpaces(String text, int from) {
		int i = from;
		while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int skipString(String text, int from) {
		char quote = text.charAt(from);
		int i = from + 1;
		while (i < text.length() && text.charAt(i) != quote) {
			i += (text.charAt(i) == '\\') ? 2 : 1;
		}
		return i + 1;
	}

	private static int skipTo(String text, int from, char close) {
		int i = from + 1;
		while (i < text.length() && text.charAt(i) != close) {
			char c = text.charAt(i);
			i = (c == '"' || c == '\'' || c == '`') ? skipString(text, i) : i + 1;
		}
		return i + 1;
	}

}
