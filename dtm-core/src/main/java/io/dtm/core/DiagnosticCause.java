package io.dtm.core;

/**
 * The causes each {@link DiagnosticCode} tells apart, with the action that fixes each one
 * and the manual check a user can run to confirm it. Messages are filled with the
 * specific target (host:port, user, path) by {@link Diagnosis}.
 */
public enum DiagnosticCause {

	/** Nothing listens at the database address. */
	DB_CONNECTION_REFUSED(DiagnosticCode.D1001, "connection refused",
			"start the database server or fix host and port in spring.datasource.url", "spring.datasource.url",
			"telnet <host> <port>; systemctl status mysql"),
	/** An open connection broke: the server went away or closed it (SQLState 08S01). */
	DB_CONNECTION_LOST(DiagnosticCode.D1001, "connection lost",
			"check that the database server is still running and reachable; connections are reopened by themselves",
			"spring.datasource.url", "telnet <host> <port>; systemctl status mysql"),
	/** The database host name does not resolve. */
	DB_UNKNOWN_HOST(DiagnosticCode.D1001, "unknown host", "fix the host name in spring.datasource.url",
			"spring.datasource.url", "getent hosts <host>"),
	/** Wrong user or password (MySQL 1045, SQLState 28000). */
	DB_AUTH_FAILED(DiagnosticCode.D1001, "authentication failed",
			"check spring.datasource.username and spring.datasource.password", "spring.datasource.password",
			"mysql -h <host> -P <port> -u <user> -p"),
	/** The database named in the URL does not exist (MySQL 1049). */
	DB_UNKNOWN_DATABASE(DiagnosticCode.D1001, "unknown database",
			"create the database (see config/ SQL) or fix its name in spring.datasource.url", "spring.datasource.url",
			"mysql -e 'SHOW DATABASES'"),
	/** The user may not use the schema (MySQL 1044). */
	DB_ACCESS_DENIED(DiagnosticCode.D1001, "access denied to the database",
			"GRANT ALL ON <database>.* TO the user, or use a user that has it", "spring.datasource.username",
			"mysql -e 'SHOW GRANTS FOR <user>'"),
	/** Connecting or reading timed out. */
	DB_TIMEOUT(DiagnosticCode.D1001, "connect or socket timeout",
			"check the network path and firewall to the database, or raise the connect timeout",
			"spring.datasource.url", "telnet <host> <port>"),
	/** No pooled connection became free in time. */
	DB_POOL_EXHAUSTED(DiagnosticCode.D1001, "connection pool exhausted",
			"raise spring.datasource.hikari.maximum-pool-size or find long-running transactions",
			"spring.datasource.hikari.maximum-pool-size", "SHOW PROCESSLIST"),
	/** Any other database connection error. */
	DB_OTHER(DiagnosticCode.D1001, "database error", "check the database log and spring.datasource.*",
			"spring.datasource.url", "telnet <host> <port>"),

	/** Nothing listens at the Redis address. */
	REDIS_CONNECTION_REFUSED(DiagnosticCode.D1002, "connection refused",
			"start Redis or fix spring.data.redis.host and spring.data.redis.port", "spring.data.redis.host",
			"redis-cli -h <host> -p <port> ping"),
	/** Connecting to Redis or a command timed out. */
	REDIS_TIMEOUT(DiagnosticCode.D1002, "connect or command timeout",
			"check the network path to Redis and spring.data.redis.timeout", "spring.data.redis.timeout",
			"redis-cli -h <host> -p <port> ping"),
	/** NOAUTH / WRONGPASS. */
	REDIS_AUTH_FAILED(DiagnosticCode.D1002, "authentication failed (NOAUTH/WRONGPASS)",
			"set spring.data.redis.password (and username for ACL users) to Redis' requirepass",
			"spring.data.redis.password", "redis-cli -h <host> -p <port> -a <password> ping"),
	/** Redis refuses remote clients in protected mode. */
	REDIS_PROTECTED_MODE(DiagnosticCode.D1002, "protected mode is on and no password is set",
			"set a password (requirepass) on Redis or bind it to the coordinator's interface",
			"spring.data.redis.password", "redis-cli CONFIG GET protected-mode"),
	/** The database index does not exist. */
	REDIS_WRONG_DATABASE(DiagnosticCode.D1002, "database index out of range",
			"use a database index below Redis' 'databases' setting", "spring.data.redis.database",
			"redis-cli CONFIG GET databases"),
	/** Cluster client against a single node, or the reverse. */
	REDIS_CLUSTER_MISMATCH(DiagnosticCode.D1002, "cluster and single-node configuration mismatch",
			"use spring.data.redis.cluster.nodes only for a Redis Cluster, host/port otherwise",
			"spring.data.redis.cluster.nodes", "redis-cli -h <host> -p <port> CLUSTER INFO"),
	/** Any other Redis error. */
	REDIS_OTHER(DiagnosticCode.D1002, "Redis error", "check the Redis log and spring.data.redis.*",
			"spring.data.redis.host", "redis-cli -h <host> -p <port> ping"),

	/** The registry address does not answer. */
	REGISTRY_UNREACHABLE(DiagnosticCode.D1003, "registry address wrong or unreachable",
			"start Nacos or fix spring.cloud.nacos.discovery.server-addr", "spring.cloud.nacos.discovery.server-addr",
			"curl http://<server-addr>/nacos/v1/ns/operator/metrics"),
	/** Connecting to or reading from the registry timed out. */
	REGISTRY_TIMEOUT(DiagnosticCode.D1003, "connect or read timeout",
			"check the network path and firewall to Nacos (HTTP port and gRPC port +1000)",
			"spring.cloud.nacos.discovery.server-addr", "telnet <host> <port>"),
	/** The registry refused the credentials. */
	REGISTRY_AUTH_FAILED(DiagnosticCode.D1003, "authentication failed",
			"check spring.cloud.nacos.discovery.username and password", "spring.cloud.nacos.discovery.password",
			"curl -X POST 'http://<server-addr>/nacos/v1/auth/login' -d 'username=<user>&password=<password>'"),
	/** The namespace or group does not exist. */
	REGISTRY_NAMESPACE_MISSING(DiagnosticCode.D1003, "namespace or group missing",
			"create the namespace in Nacos or fix spring.cloud.nacos.discovery.namespace",
			"spring.cloud.nacos.discovery.namespace", "curl 'http://<server-addr>/nacos/v1/console/namespaces'"),
	/** Heartbeats stopped after the instance was registered. */
	REGISTRY_HEARTBEAT_LOST(DiagnosticCode.D1003, "heartbeat lost after registration",
			"check that Nacos is up; the instance re-registers by itself when it is back",
			"spring.cloud.nacos.discovery.server-addr",
			"curl 'http://<server-addr>/nacos/v1/ns/instance/list?serviceName=<service>'"),
	/** The registered address cannot be reached by other hosts. */
	REGISTRY_UNREACHABLE_ADDRESS(DiagnosticCode.D1003, "instance registered with an address other hosts cannot reach",
			"set spring.cloud.nacos.discovery.ip to an address reachable from the participants",
			"spring.cloud.nacos.discovery.ip", "curl http://<registered-ip>:<port>/api/ping"),
	/** The coordinator cannot be reached (participant side). */
	COORDINATOR_UNREACHABLE(DiagnosticCode.D1003, "coordinator unreachable",
			"start the coordinator or fix dtm.client.server-url / dtm.client.service-name", "dtm.client.server-url",
			"curl <server-url>/api/ping"),
	/** Any other registry error. */
	REGISTRY_OTHER(DiagnosticCode.D1003, "registration failed", "check the Nacos server log and the client settings",
			"spring.cloud.nacos.discovery.server-addr", "curl http://<server-addr>/nacos/"),

	/** A configured directory or file does not exist and cannot be created. */
	PATH_MISSING(DiagnosticCode.D1004, "path does not exist and cannot be created",
			"create it, or point the property at an existing directory", null, "ls -ld <path>"),
	/** The path exists but is not a directory. */
	PATH_NOT_DIRECTORY(DiagnosticCode.D1004, "path is not a directory",
			"point the property at a directory, or remove the file that is in the way", null, "ls -ld <path>"),
	/** The process user may not write there. */
	PATH_NOT_WRITABLE(DiagnosticCode.D1004, "path is not writable by the process user",
			"fix the owner or permissions (chown/chmod), or point the property at a writable directory", null,
			"ls -ld <path>; id"),
	/** The process user may not read there. */
	PATH_NOT_READABLE(DiagnosticCode.D1004, "path is not readable by the process user",
			"fix the owner or permissions (chown/chmod)", null, "ls -ld <path>; id"),
	/** Any other file-system error. */
	PATH_OTHER(DiagnosticCode.D1004, "file-system error", "check the path, its permissions and free space", null,
			"ls -ld <path>; df -h <path>");

	private final DiagnosticCode code;

	private final String title;

	private final String action;

	private final String property;

	private final String check;

	DiagnosticCause(DiagnosticCode code, String title, String action, String property, String check) {
		this.code = code;
		this.title = title;
		this.action = action;
		this.property = property;
		this.check = check;
	}

	public DiagnosticCode code() {
		return this.code;
	}

	/**
	 * Short description of the cause, e.g. "authentication failed".
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * What to change.
	 * @return the action
	 */
	public String action() {
		return this.action;
	}

	/**
	 * The property to fix, or {@code null} when the diagnosis names it.
	 * @return the property
	 */
	public String property() {
		return this.property;
	}

	/**
	 * A manual check that confirms the cause; placeholders in angle brackets.
	 * @return the check
	 */
	public String check() {
		return this.check;
	}

}
