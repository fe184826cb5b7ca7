package io.dtm.server.registry;

/**
 * A classified D1003 condition.
 *
 * @param cause the classified cause
 * @param detail what was observed (probe results, the registry's message)
 */
public record RegistrationFailure(RegistrationFailureCause cause, String detail) {

	/** The diagnostic code of every registration failure. */
	public static final String CODE = "D1003";

	/**
	 * One line for the log: code, cause, detail and action.
	 * @return the line
	 */
	public String describe() {
		return CODE + " service registration failure: " + this.cause.description() + " (" + this.cause + "): "
				+ this.detail + ". Action: " + this.cause.action();
	}

}
