package io.dtm.core.diagnostics;

/**
 * The four diagnostic codes the product promises. Every place that can hit one of these
 * conditions reports the code together with a {@link DiagnosticCause} and its action: in
 * the log line, in the health details, in the diagnostics endpoint and, at start-up, in a
 * failure analysis.
 */
public enum DiagnosticCode {

	/** Database connection failure. */
	D1001("database connection failure"),
	/** Redis configuration error. */
	D1002("Redis configuration error"),
	/** Network timeout or service registration failure (Nacos, the coordinator). */
	D1003("network timeout or service registration failure"),
	/** Insufficient permission or bad file path. */
	D1004("insufficient permission or bad file path");

	private final String title;

	DiagnosticCode(String title) {
		this.title = title;
	}

	/**
	 * Short human title, e.g. "database connection failure".
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

}
