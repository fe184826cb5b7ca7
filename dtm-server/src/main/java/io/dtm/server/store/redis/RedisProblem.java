package io.dtm.server.store.redis;

/**
 * The causes D1002 ("Redis configuration error") tells apart, each with the action that
 * fixes it. {@code <endpoint>} in an action is replaced by the configured endpoint.
 */
public enum RedisProblem {

	/** Nothing listens on the configured host and port. */
	CONNECTION_REFUSED("connection refused",
			"Start Redis, or point spring.data.redis.host/port (or spring.data.redis.url) at the server that runs "
					+ "it; check with `redis-cli -h <host> -p <port> ping`. If Redis runs on another host, make sure "
					+ "it does not listen on 127.0.0.1 only (bind in redis.conf) and that no firewall blocks the port."),

	/** Connecting or a command took longer than the configured timeout. */
	TIMED_OUT("connection or command timed out",
			"Check that <endpoint> is reachable from this machine (`redis-cli -h <host> -p <port> ping`, firewall, "
					+ "security groups) and that Redis is not overloaded (SLOWLOG, INFO); raise "
					+ "spring.data.redis.connect-timeout or spring.data.redis.timeout only for a slow network."),

	/** The host name does not resolve. */
	UNKNOWN_HOST("unknown host",
			"Fix spring.data.redis.host (or spring.data.redis.url): the name does not resolve from this machine."),

	/** The connection could be opened but was then closed or reset. */
	CONNECTION_LOST("connection closed by the server",
			"Check that <endpoint> is a Redis server (not another service or a TLS port used without "
					+ "spring.data.redis.ssl.enabled) and that maxclients is not exhausted; see the Redis log."),

	/** The server requires a password and none was sent ({@code NOAUTH}). */
	NO_PASSWORD("Redis requires a password (NOAUTH)",
			"Set spring.data.redis.password (and spring.data.redis.username for an ACL user) to the password set by "
					+ "requirepass or the ACL."),

	/** The password or user name was rejected ({@code WRONGPASS}). */
	WRONG_PASSWORD("password rejected (WRONGPASS)",
			"Correct spring.data.redis.password / spring.data.redis.username; try them with "
					+ "`redis-cli -h <host> -p <port> --user <user> -a <password> ping`."),

	/**
	 * Redis refuses remote clients because it runs in protected mode without a password.
	 */
	PROTECTED_MODE("Redis is running in protected mode",
			"Redis accepts only loopback clients while it has no password: set requirepass on the server and "
					+ "spring.data.redis.password here (recommended), or bind Redis to the right interface and set "
					+ "protected-mode no on a trusted network only."),

	/** The configured database index does not exist. */
	WRONG_DATABASE("database index out of range",
			"Use a spring.data.redis.database below the server's `databases` setting (16 by default); a Redis "
					+ "Cluster only has database 0."),

	/** A cluster client talks to a single node, or the other way round. */
	CLUSTER_MISMATCH("cluster / single-node mismatch",
			"Use spring.data.redis.cluster.nodes for a Redis Cluster and spring.data.redis.host/port for a single "
					+ "node, not the other way round; in a cluster keep dtm.server.store.redis.prefix a hash tag "
					+ "such as {a}."),

	/** The key prefix is not a hash tag although the connection is a cluster. */
	PREFIX_NOT_HASH_TAG("key prefix is not a cluster hash tag",
			"Set dtm.server.store.redis.prefix to a hash tag such as {a} (or {dtm}); the store's Lua scripts touch "
					+ "several keys at once, which a Redis Cluster allows only within one slot."),

	/** TLS is used on one side only, or the certificate is not trusted. */
	SSL_MISMATCH("TLS handshake failed",
			"Make spring.data.redis.ssl.enabled (or a rediss:// URL) match the server, and trust its certificate "
					+ "through spring.data.redis.ssl.bundle."),

	/** The ACL user lacks a command or key pattern ({@code NOPERM}). */
	NOT_PERMITTED("command or key not permitted by the ACL (NOPERM)",
			"Grant the ACL user EVAL/EVALSHA, SCRIPT, string, list and sorted-set commands, EXPIRE/TTL and TIME on "
					+ "keys matching the configured prefix (e.g. `~{a}*`)."),

	/** Connected to a read-only replica ({@code READONLY}). */
	READ_ONLY_REPLICA("connected to a read-only replica",
			"Point spring.data.redis.* at the master (or use Sentinel / Cluster configuration so the client "
					+ "follows fail-overs)."),

	/** Redis refuses writes because snapshots fail ({@code MISCONF}). */
	PERSISTENCE_FAILING("Redis refuses writes because it cannot persist (MISCONF)",
			"Fix the disk or permissions of the Redis data directory (see the Redis log); writes resume once "
					+ "BGSAVE succeeds."),

	/** maxmemory reached and the policy refuses writes ({@code OOM}). */
	OUT_OF_MEMORY("Redis is out of memory (OOM)",
			"Raise maxmemory, lower dtm.server.store.redis.data-expire / finished-data-expire, and keep "
					+ "maxmemory-policy noeviction (an evicting policy silently drops transactions)."),

	/** Redis is still loading its data set ({@code LOADING}). */
	LOADING("Redis is loading its data set",
			"Wait until Redis has loaded its AOF/RDB file and retry; start-up ordering can make the coordinator "
					+ "retry automatically (restart policy)."),

	/** The connection failed for a reason not classified above. */
	UNREACHABLE("cannot connect",
			"Check spring.data.redis.* (host, port, url, ssl, cluster nodes) and that <endpoint> is reachable; the "
					+ "detail names the underlying error.");

	private final String cause;

	private final String action;

	RedisProblem(String cause, String action) {
		this.cause = cause;
		this.action = action;
	}

	/**
	 * Short description of the cause.
	 * @return the cause
	 */
	public String cause() {
		return this.cause;
	}

	/**
	 * What to do about it.
	 * @param endpoint the configured endpoint
	 * @return the action
	 */
	public String action(String endpoint) {
		return this.action.replace("<endpoint>", endpoint);
	}

}
