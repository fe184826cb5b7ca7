package io.dtm.autoconfigure;

import java.time.Duration;

import io.dtm.client.barrier.BarrierDialect;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the DTM participant starter.
 */
@ConfigurationProperties("dtm.client")
public class DtmClientProperties {

	/**
	 * Base URL of the coordinator, such as 'http://dtm:36789' ('/api/dtmsvr' may be
	 * included). Takes precedence over service-name.
	 */
	private String serverUrl;

	/**
	 * Service name the coordinator is registered under in Spring Cloud service discovery
	 * (Nacos, for example); used when server-url is not set and a DiscoveryClient is
	 * available.
	 */
	private String serviceName;

	/**
	 * Connect timeout of coordinator and branch calls.
	 */
	private Duration connectTimeout = Duration.ofSeconds(3);

	/**
	 * Read timeout of coordinator and branch calls; must cover a wait-result submit.
	 */
	private Duration readTimeout = Duration.ofSeconds(15);

	/**
	 * How DtmTemplate sends newGid, prepare, submit, abort and registerBranch to the
	 * coordinator. With 'grpc', queries, the health check and the initiator's own branch
	 * calls still use HTTP (server-url).
	 */
	private Transport transport = Transport.HTTP;

	/**
	 * gRPC target of the coordinator, such as 'localhost:36790' or 'dns:///dtm:36790';
	 * required when transport is 'grpc'. The channel is plaintext, and read-timeout is
	 * the deadline of each call.
	 */
	private String grpcTarget;

	/**
	 * Token sent to the coordinator as 'Authorization: Bearer <token>' (gRPC: metadata
	 * 'authorization') when it requires one (dtm.server.security.api.tokens). Only calls
	 * to the coordinator carry it, never branch calls. Empty sends none.
	 */
	private String apiToken = "";

	private final Retry retry = new Retry();

	private final Barrier barrier = new Barrier();

	private final Web web = new Web();

	public String getServerUrl() {
		return this.serverUrl;
	}

	public void setServerUrl(String serverUrl) {
		this.serverUrl = serverUrl;
	}

	public String getServiceName() {
		return this.serviceName;
	}

	public void setServiceName(String serviceName) {
		this.serviceName = serviceName;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Transport getTransport() {
		return this.transport;
	}

	public void setTransport(Transport transport) {
		this.transport = transport;
	}

	public String getApiToken() {
		return this.apiToken;
	}

	public void setApiToken(String apiToken) {
		this.apiToken = apiToken;
	}

	public String getGrpcTarget() {
		return this.grpcTarget;
	}

	public void setGrpcTarget(String grpcTarget) {
		this.grpcTarget = grpcTarget;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Barrier getBarrier() {
		return this.barrier;
	}

	public Web getWeb() {
		return this.web;
	}

	/**
	 * Transport of the coordinator's transaction calls.
	 */
	public enum Transport {

		/**
		 * The coordinator's HTTP API (server-url or service-name).
		 */
		HTTP,

		/**
		 * dtm's gRPC API (grpc-target); needs dtm-grpc-api and a gRPC transport such as
		 * grpc-netty on the classpath.
		 */
		GRPC

	}

	/**
	 * Retry of coordinator calls that did not reach the coordinator (connection refused,
	 * unknown host, connect time-out, connection reset before an answer). An answer from
	 * the coordinator (any HTTP status) and a read time-out are never retried.
	 */
	public static final class Retry {

		/**
		 * Whether coordinator calls that did not reach the coordinator are retried.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of attempts, including the first.
		 */
		private int maxAttempts = 3;

		/**
		 * Back-off before the second attempt.
		 */
		private Duration initialInterval = Duration.ofMillis(200);

		/**
		 * Factor applied to the back-off after each attempt.
		 */
		private double multiplier = 2.0;

		/**
		 * Upper bound of the back-off.
		 */
		private Duration maxInterval = Duration.ofSeconds(2);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

	/**
	 * Sub-transaction barrier.
	 */
	public static final class Barrier {

		/**
		 * Barrier table, optionally qualified as 'schema.table' (use
		 * 'dtm_barrier.barrier' to share dtm's own layout). Must be reachable through the
		 * business DataSource.
		 */
		private String tableName = "dtm_barrier";

		/**
		 * SQL dialect of the barrier table; detected from the DataSource when not set.
		 */
		private BarrierDialect dialect;

		/**
		 * Whether to create the barrier table at start-up if it does not exist (see
		 * 'io/dtm/client/barrier/schema-*.sql' for the DDL).
		 */
		private boolean initializeSchema;

		/**
		 * How long the Redis barrier keeps its keys.
		 */
		private Duration redisExpire = Duration.ofDays(7);

		private final Cleanup cleanup = new Cleanup();

		public String getTableName() {
			return this.tableName;
		}

		public void setTableName(String tableName) {
			this.tableName = tableName;
		}

		public BarrierDialect getDialect() {
			return this.dialect;
		}

		public void setDialect(BarrierDialect dialect) {
			this.dialect = dialect;
		}

		public boolean isInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(boolean initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public Duration getRedisExpire() {
			return this.redisExpire;
		}

		public void setRedisExpire(Duration redisExpire) {
			this.redisExpire = redisExpire;
		}

		public Cleanup getCleanup() {
			return this.cleanup;
		}

	}

	/**
	 * Cleanup of old rows of the JDBC barrier table (the Redis barrier expires its keys
	 * after redis-expire instead).
	 */
	public static final class Cleanup {

		/**
		 * Whether to delete barrier rows older than max-age.
		 */
		private boolean enabled;

		/**
		 * Rows older than this are deleted. It must exceed the longest time the
		 * coordinator can keep calling a branch of a transaction (its timeout plus every
		 * retry until it finishes): a row deleted earlier no longer protects against a
		 * late or repeated call. At least one minute.
		 */
		private Duration maxAge = Duration.ofDays(7);

		/**
		 * How often the cleanup runs.
		 */
		private Duration interval = Duration.ofMinutes(10);

		/**
		 * Most rows one statement deletes.
		 */
		private int batchSize = 1000;

		/**
		 * Pause after each full batch, to leave the database to the business.
		 */
		private Duration batchPause = Duration.ofMillis(100);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public Duration getBatchPause() {
			return this.batchPause;
		}

		public void setBatchPause(Duration batchPause) {
			this.batchPause = batchPause;
		}

	}

	/**
	 * Participant web support.
	 */
	public static final class Web {

		/**
		 * Whether to resolve BranchBarrier controller parameters and answer DtmFailure
		 * with 409 and DtmOngoing with 425.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
