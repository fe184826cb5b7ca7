package io.dtm.core.diagnostics;

/**
 * The catalogue: every cause the coordinator and the starter tell apart, each with its
 * {@link DiagnosticCode}, its title (the cause in words), the action that fixes it, the
 * property to change and a manual check that confirms it. This is the only place these
 * texts live; {@code docs/errors.md} lists the same titles.
 * <p>
 * Actions and checks may hold placeholders in angle brackets, such as {@code <host>},
 * {@code <port>}, {@code <user>}, {@code <path>}, {@code <server-addr>} or
 * {@code <server-url>}, and {@code <property>} for the diagnosis' property, which a
 * {@link Diagnosis} fills in with the configured values it knows.
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
			"mysql -h <host> -P <port> -u <user> -p -e 'SHOW DATABASES'"),
	/** The user may not use the schema (MySQL 1044). */
	DB_ACCESS_DENIED(DiagnosticCode.D1001, "access denied to the database",
			"GRANT ALL ON <database>.* TO the user, or use a user that has it", "spring.datasource.username",
			"mysql -h <host> -P <port> -u <user> -p -e 'SHOW GRANTS'"),
	/** Connecting or reading timed out. */
	DB_TIMEOUT(DiagnosticCode.D1001, "connect or socket timeout",
			"check the network path and firewall to the database, or raise the connect timeout",
			"spring.datasource.url", "telnet <host> <port>"),
	/** No pooled connection became free in time. */
	DB_POOL_EXHAUSTED(DiagnosticCode.D1001, "connection pool exhausted",
			"raise spring.datasource.hikari.maximum-pool-size or find long-running transactions",
			"spring.datasource.hikari.maximum-pool-size", "SHOW PROCESSLIST"),
	/** The sub-transaction barrier's table does not exist (participant side). */
	BARRIER_TABLE_MISSING(DiagnosticCode.D1001, "barrier table missing",
			"set dtm.client.barrier.initialize-schema=true, or run <schema-file> from the dtm-spring-boot-starter jar",
			"dtm.client.barrier.initialize-schema",
			"mysql -h <host> -P <port> -u <user> -p <database> -e 'DESCRIBE <table>'"),
	/** Any other database error. */
	DB_OTHER(DiagnosticCode.D1001, "database error", "check the database log and spring.datasource.*",
			"spring.datasource.url", "telnet <host> <port>"),

	/** Nothing listens at the Redis address. */
	REDIS_CONNECTION_REFUSED(DiagnosticCode.D1002, "connection refused",
			"start Redis or fix spring.data.redis.host and spring.data.redis.port; a remote Redis must not listen on "
					+ "127.0.0.1 only (bind in redis.conf) and no firewall may block the port",
			"spring.data.redis.host", "redis-cli -h <host> -p <port> ping"),
	/** The Redis host name does not resolve. */
	REDIS_UNKNOWN_HOST(DiagnosticCode.D1002, "unknown host",
			"fix spring.data.redis.host (or spring.data.redis.url): the name does not resolve from this machine",
			"spring.data.redis.host", "getent hosts <host>"),
	/** Connecting to Redis or a command timed out. */
	REDIS_TIMEOUT(DiagnosticCode.D1002, "connect or command timeout",
			"check that Redis is reachable from this machine (firewall, security groups) and not overloaded (SLOWLOG, "
					+ "INFO); raise spring.data.redis.connect-timeout or spring.data.redis.timeout only for a slow "
					+ "network",
			"spring.data.redis.timeout", "redis-cli -h <host> -p <port> ping"),
	/** The connection was opened, then closed or reset by the other side. */
	REDIS_CONNECTION_LOST(DiagnosticCode.D1002, "connection closed by the server",
			"check that the address is a Redis server (not another service, or a TLS port used without "
					+ "spring.data.redis.ssl.enabled) and that maxclients is not exhausted; see the Redis log",
			"spring.data.redis.host", "redis-cli -h <host> -p <port> INFO clients"),
	/** TLS is used on one side only, or the certificate is not trusted. */
	REDIS_TLS_MISMATCH(DiagnosticCode.D1002, "TLS handshake failed",
			"make spring.data.redis.ssl.enabled (or a rediss:// URL) match the server, and trust its certificate "
					+ "through spring.data.redis.ssl.bundle",
			"spring.data.redis.ssl.enabled", "openssl s_client -connect <host>:<port>"),
	/** The connection failed for a reason not classified above. */
	REDIS_UNREACHABLE(DiagnosticCode.D1002, "cannot connect",
			"check spring.data.redis.* (host, port, url, ssl, cluster nodes) and that Redis is reachable; the error "
					+ "names the underlying cause",
			"spring.data.redis.host", "redis-cli -h <host> -p <port> ping"),
	/** No password sent ({@code NOAUTH}) or the password rejected ({@code WRONGPASS}). */
	REDIS_AUTH_FAILED(DiagnosticCode.D1002, "authentication failed (NOAUTH/WRONGPASS)",
			"set spring.data.redis.password (and spring.data.redis.username for an ACL user) to the password set by "
					+ "requirepass or the ACL",
			"spring.data.redis.password", "redis-cli -h <host> -p <port> --askpass ping"),
	/** Redis refuses remote clients in protected mode. */
	REDIS_PROTECTED_MODE(DiagnosticCode.D1002, "protected mode is on and no password is set",
			"set a password on Redis (requirepass) and in spring.data.redis.password, or bind Redis to the right "
					+ "interface and turn protected-mode off on a trusted network only",
			"spring.data.redis.password", "redis-cli CONFIG GET protected-mode (on the Redis host)"),
	/** The database index does not exist. */
	REDIS_WRONG_DATABASE(DiagnosticCode.D1002, "database index out of range",
			"use a database index below Redis' 'databases' setting (16 by default); a Redis Cluster only has "
					+ "database 0",
			"spring.data.redis.database", "redis-cli -h <host> -p <port> CONFIG GET databases"),
	/** Cluster client against a single node, or the reverse. */
	REDIS_CLUSTER_MISMATCH(DiagnosticCode.D1002, "cluster and single-node configuration mismatch",
			"use spring.data.redis.cluster.nodes only for a Redis Cluster, host/port otherwise",
			"spring.data.redis.cluster.nodes", "redis-cli -h <host> -p <port> CLUSTER INFO"),
	/** The key prefix is not a hash tag although the connection is a cluster. */
	REDIS_PREFIX_NOT_HASH_TAG(DiagnosticCode.D1002, "key prefix is not a cluster hash tag",
			"set dtm.server.store.redis.prefix to a hash tag such as {a}: the store's Lua scripts touch several keys "
					+ "at once, which a Redis Cluster allows only within one slot",
			"dtm.server.store.redis.prefix", "redis-cli -h <host> -p <port> CLUSTER INFO"),
	/** The ACL user lacks a command or key pattern ({@code NOPERM}). */
	REDIS_NOT_PERMITTED(DiagnosticCode.D1002, "command or key not permitted by the ACL (NOPERM)",
			"grant the ACL user the commands it needs (EVAL/EVALSHA, SCRIPT, string, list and sorted-set commands, "
					+ "EXPIRE/TTL, TIME) on the keys it uses (e.g. ~{a}*)",
			"spring.data.redis.username", "redis-cli -h <host> -p <port> --askpass ACL LOG"),
	/** Connected to a read-only replica ({@code READONLY}). */
	REDIS_READ_ONLY(DiagnosticCode.D1002, "connected to a read-only replica (READONLY)",
			"point spring.data.redis.* at the master, or use the Sentinel or Cluster settings so the client follows "
					+ "fail-overs",
			"spring.data.redis.host", "redis-cli -h <host> -p <port> ROLE"),
	/** Redis refuses writes because snapshots fail ({@code MISCONF}). */
	REDIS_CANNOT_PERSIST(DiagnosticCode.D1002, "Redis refuses writes because it cannot persist (MISCONF)",
			"fix the disk or the permissions of the Redis data directory (see the Redis log); writes resume once a "
					+ "snapshot succeeds",
			null, "redis-cli -h <host> -p <port> INFO persistence"),
	/** maxmemory reached and the policy refuses writes ({@code OOM}). */
	REDIS_OUT_OF_MEMORY(DiagnosticCode.D1002, "Redis is out of memory (OOM)",
			"raise maxmemory or keep less data (dtm.server.store.redis.data-expire and finished-data-expire), and "
					+ "keep maxmemory-policy noeviction: an evicting policy silently drops data",
			null, "redis-cli -h <host> -p <port> INFO memory"),
	/** Redis is still loading its data set ({@code LOADING}). */
	REDIS_LOADING(DiagnosticCode.D1002, "Redis is loading its data set (LOADING)",
			"wait until Redis has loaded its data set; calls are retried", null,
			"redis-cli -h <host> -p <port> INFO persistence"),
	/** Any other Redis error. */
	REDIS_OTHER(DiagnosticCode.D1002, "Redis error", "check the Redis log and spring.data.redis.*",
			"spring.data.redis.host", "redis-cli -h <host> -p <port> ping"),

	/** Nothing listens at the registry address. */
	REGISTRY_UNREACHABLE(DiagnosticCode.D1003, "registry address wrong or unreachable",
			"start Nacos, or fix host and port in spring.cloud.nacos.discovery.server-addr",
			"spring.cloud.nacos.discovery.server-addr", "curl http://<server-addr>/nacos/v1/ns/operator/metrics"),
	/** The registry host name does not resolve. */
	REGISTRY_UNKNOWN_HOST(DiagnosticCode.D1003, "registry host name does not resolve",
			"fix the host in spring.cloud.nacos.discovery.server-addr, or make it resolvable from this machine (DNS, "
					+ "/etc/hosts)",
			"spring.cloud.nacos.discovery.server-addr", "getent hosts <host>"),
	/** The registry's HTTP port answers, its gRPC port (HTTP port + 1000) does not. */
	REGISTRY_GRPC_PORT_UNREACHABLE(DiagnosticCode.D1003, "registry gRPC port unreachable",
			"open or forward the gRPC port too: Nacos 2.x and 3.x clients talk gRPC on the HTTP port + 1000",
			"spring.cloud.nacos.discovery.server-addr", "telnet <host> <grpc-port>"),
	/** Connecting to or reading from the registry timed out. */
	REGISTRY_TIMEOUT(DiagnosticCode.D1003, "connect or read timeout",
			"check the network path, firewalls and security groups to Nacos (HTTP port and gRPC port + 1000) and the "
					+ "Nacos server's load",
			"spring.cloud.nacos.discovery.server-addr", "telnet <host> <port>"),
	/** The registry refused the credentials. */
	REGISTRY_AUTH_FAILED(DiagnosticCode.D1003, "authentication failed",
			"set spring.cloud.nacos.discovery.username and password (or access-key and secret-key) to a Nacos user "
					+ "that may write the namespace",
			"spring.cloud.nacos.discovery.password",
			"curl -X POST 'http://<server-addr>/nacos/v1/auth/login' -d 'username=<user>&password=<password>'"),
	/** The namespace or group does not exist. */
	REGISTRY_NAMESPACE_MISSING(DiagnosticCode.D1003, "namespace or group missing",
			"create the namespace in Nacos, or set spring.cloud.nacos.discovery.namespace to an existing namespace ID "
					+ "(the ID, not the display name)",
			"spring.cloud.nacos.discovery.namespace", "curl 'http://<server-addr>/nacos/v1/console/namespaces'"),
	/** The connection to the registry was lost after the instance was registered. */
	REGISTRY_HEARTBEAT_LOST(DiagnosticCode.D1003, "heartbeat lost after registration",
			"check that Nacos is up and reachable; the instance re-registers by itself when it is back",
			"spring.cloud.nacos.discovery.server-addr",
			"curl 'http://<server-addr>/nacos/v1/ns/instance/list?serviceName=<service>'"),
	/** The registered address cannot be reached by other hosts (a warning). */
	REGISTRY_UNREACHABLE_ADDRESS(DiagnosticCode.D1003, "instance registered with an address other hosts cannot reach",
			"set spring.cloud.nacos.discovery.ip (or network-interface) to an address the participants and other "
					+ "coordinators can reach",
			"spring.cloud.nacos.discovery.ip", "curl http://<registered-ip>:<port>/api/ping"),
	/** The registry answered with an error. */
	REGISTRY_ERROR(DiagnosticCode.D1003, "registry answered with an error",
			"read the Nacos server log (logs/naming-server.log) for this request; the error is the server's message",
			"spring.cloud.nacos.discovery.server-addr", "curl http://<server-addr>/nacos/"),
	/** Any other registry error. */
	REGISTRY_OTHER(DiagnosticCode.D1003, "registration failed",
			"read the exception in the coordinator log and the Nacos client log (under JM.LOG.PATH)",
			"spring.cloud.nacos.discovery.server-addr", "curl http://<server-addr>/nacos/"),
	/** The coordinator cannot be reached (participant side). */
	COORDINATOR_UNREACHABLE(DiagnosticCode.D1003, "coordinator unreachable",
			"start the coordinator at <server-url> or fix <property>", "dtm.client.server-url",
			"curl <server-url>/api/ping"),
	/** The coordinator answered its ping with an error (participant side). */
	COORDINATOR_ERROR(DiagnosticCode.D1003, "coordinator answered /api/ping with an error",
			"check the coordinator's log and its /actuator/health", "dtm.client.server-url",
			"curl <server-url>/api/ping"),
	/** No coordinator URL is configured or found through discovery (participant side). */
	COORDINATOR_NOT_LOCATED(DiagnosticCode.D1003, "coordinator not located",
			"set dtm.client.server-url to the coordinator's URL (e.g. http://localhost:36789), or start the "
					+ "coordinator so that it registers under dtm.client.service-name and check the discovery client "
					+ "settings",
			"dtm.client.service-name", "look the coordinator's service up in the registry"),

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
	 * The cause in words, e.g. "authentication failed".
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * What to change; placeholders in angle brackets.
	 * @return the action
	 */
	public String action() {
		return this.action;
	}

	/**
	 * The property to fix, or {@code null} when the diagnosis names it (paths) or there
	 * is none (a server-side problem).
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
