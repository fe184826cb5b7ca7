package io.dtm.server.console;

/**
 * What a console user may do. An operator may do everything a viewer may.
 */
public enum ConsoleRole {

	/** Reads transactions, branches, the audit trail and the health page. */
	VIEWER,

	/** Also acts: retry now, force stop. */
	OPERATOR;

	/**
	 * The Spring Security authority of this role.
	 * @return {@code ROLE_VIEWER} or {@code ROLE_OPERATOR}
	 */
	public String authority() {
		return "ROLE_" + name();
	}

}
