package io.dtm.server.console;

/**
 * The console's paths, in one place for the controller, the security chain and the pages.
 */
public final class ConsolePaths {

	/** The console's home: the transaction list. */
	public static final String TRANSACTIONS = "/console/transactions";

	/** The auto-refreshed rows of the list (an htmx fragment). */
	public static final String ROWS = "/console/transactions/rows";

	/** One transaction, {@code ?gid=}. */
	public static final String TRANSACTION = "/console/transaction";

	/** Diagnostics, store, version and the instances sharing the store. */
	public static final String HEALTH = "/console/health";

	/** The audit trail of operator actions. */
	public static final String AUDIT = "/console/audit";

	/** Retry now (POST, operators). */
	public static final String RETRY = "/console/transaction/retry";

	/** Force stop (POST, operators). */
	public static final String FORCE_STOP = "/console/transaction/force-stop";

	/** The login page. */
	public static final String LOGIN = "/login";

	/** Logging out (POST). */
	public static final String LOGOUT = "/logout";

	/** Every path the console's security chain guards. */
	static final String[] ALL = { "/", "/console/**", LOGIN, LOGOUT, "/webjars/**", "/oauth2/authorization/**",
			"/login/oauth2/code/**" };

	/** Paths served without a login. */
	static final String[] PUBLIC = { LOGIN, "/webjars/**", "/console/assets/**" };

	/** Topics and their subscribers. */
	public static final String TOPICS = "/console/topics";

	/** Paths that change something when posted to (operators only). */
	static final String[] ACTIONS = { "/console/**" };

	private ConsolePaths() {
	}

}
