package io.dtm.server.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the coordinator under {@code dtm.server}. Durations without a unit are
 * read as seconds, like dtm's own configuration; defaults match dtm's.
 */
@Validated
@ConfigurationProperties("dtm.server")
public class DtmServerProperties {

	/**
	 * Base interval between two processing attempts of a transaction whose branch call
	 * had an unknown outcome; each further failure doubles it. Also the length of the
	 * lease the cron takes on a due transaction.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	@DurationMin(seconds = 1)
	private Duration retryInterval = Duration.ofSeconds(10);

	/**
	 * Default timeout after which a prepared msg is checked back through its
	 * query_prepared URL and a prepared tcc or xa transaction is rolled back. Sagas only
	 * time out when they set their own timeout_to_fail.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	@DurationMin(seconds = 1)
	private Duration timeoutToFail = Duration.ofSeconds(35);

	/**
	 * Default timeout of one branch call, used when the transaction does not set
	 * request_timeout.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	@DurationMin(millis = 100)
	private Duration requestTimeout = Duration.ofSeconds(3);

	/**
	 * Upper bound of the back-off: the interval between two attempts of a transaction
	 * whose branches keep failing doubles up to this value and then stays there (dtm
	 * doubles without bound).
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	@DurationMin(seconds = 1)
	private Duration maxRetryInterval = Duration.ofHours(1);

	/**
	 * Version reported by /api/dtmsvr/version.
	 */
	private String version = "v1.19.0-java";

	private final Cron cron = new Cron();

	@Valid
	private final InPassRetry inPassRetry = new InPassRetry();

	private final Metrics metrics = new Metrics();

	private final Store store = new Store();

	@Valid
	private final Limits limits = new Limits();

	@Valid
	private final Registry registry = new Registry();

	@Valid
	private final Alert alert = new Alert();

	private final Strict strict = new Strict();

	@Valid
	private final Audit audit = new Audit();

	@Valid
	private final Instances instances = new Instances();

	@Valid
	private final Retention retention = new Retention();

	private final Security security = new Security();

	public Duration getRetryInterval() {
		return this.retryInterval;
	}

	public void setRetryInterval(Duration retryInterval) {
		this.retryInterval = retryInterval;
	}

	public Duration getTimeoutToFail() {
		return this.timeoutToFail;
	}

	public void setTimeoutToFail(Duration timeoutToFail) {
		this.timeoutToFail = timeoutToFail;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public String getVersion() {
		return this.version;
	}

	public void setVersion(String version) {
		this.version = version;
	}

	public Cron getCron() {
		return this.cron;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public InPassRetry getInPassRetry() {
		return this.inPassRetry;
	}

	public Duration getMaxRetryInterval() {
		return this.maxRetryInterval;
	}

	public void setMaxRetryInterval(Duration maxRetryInterval) {
		this.maxRetryInterval = maxRetryInterval;
	}

	public Store getStore() {
		return this.store;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Strict getStrict() {
		return this.strict;
	}

	public Registry getRegistry() {
		return this.registry;
	}

	public Alert getAlert() {
		return this.alert;
	}

	public Audit getAudit() {
		return this.audit;
	}

	public Instances getInstances() {
		return this.instances;
	}

	public Retention getRetention() {
		return this.retention;
	}

	public Security getSecurity() {
		return this.security;
	}

	/**
	 * What clients of the API may make the coordinator do.
	 */
	public static final class Security {

		private final BranchUrls branchUrls = new BranchUrls();

		private final Api api = new Api();

		private final Actuator actuator = new Actuator();

		public BranchUrls getBranchUrls() {
			return this.branchUrls;
		}

		public Api getApi() {
			return this.api;
		}

		public Actuator getActuator() {
			return this.actuator;
		}

	}

	/**
	 * Who may call dtm's API ({@code /api/dtmsvr/*}, {@code /api/json-rpc}, gRPC).
	 * {@code /api/ping} and {@code /api/health} stay open for probes.
	 */
	public static final class Api {

		/**
		 * {@code none} (dtm's behaviour: clients send no credentials) or {@code token}:
		 * every call carries {@code Authorization: Bearer <token>} (gRPC: metadata
		 * {@code authorization}) of a configured token.
		 */
		private ApiAuthentication authentication = ApiAuthentication.NONE;

		/**
		 * {@code open} (as dtm) or {@code operator}: forceStop, resetNextCronTime,
		 * resetCronTime, topic deletion and the KV reads need a token with the
		 * {@code OPERATOR} role, whatever {@code authentication} says.
		 */
		private OperatorCalls operatorCalls = OperatorCalls.OPEN;

		/**
		 * Networks (CIDR blocks or addresses) clients may call the API from; empty allows
		 * every network. Checked on the address the connection comes from (behind a
		 * proxy: the forwarded address when forward headers are trusted).
		 */
		private List<String> clientNetworks = new ArrayList<>();

		/**
		 * The tokens, each with a name (shown in logs and the audit), the SHA-256 of the
		 * token in hex (never the token itself) and a role, {@code CLIENT} or
		 * {@code OPERATOR}.
		 */
		private List<ApiToken> tokens = new ArrayList<>();

		public ApiAuthentication getAuthentication() {
			return this.authentication;
		}

		public void setAuthentication(ApiAuthentication authentication) {
			this.authentication = authentication;
		}

		public OperatorCalls getOperatorCalls() {
			return this.operatorCalls;
		}

		public void setOperatorCalls(OperatorCalls operatorCalls) {
			this.operatorCalls = operatorCalls;
		}

		public List<String> getClientNetworks() {
			return this.clientNetworks;
		}

		public void setClientNetworks(List<String> clientNetworks) {
			this.clientNetworks = clientNetworks;
		}

		public List<ApiToken> getTokens() {
			return this.tokens;
		}

		public void setTokens(List<ApiToken> tokens) {
			this.tokens = tokens;
		}

	}

	/**
	 * One API token.
	 */
	public static final class ApiToken {

		/**
		 * Who holds it (a service or a team), for logs.
		 */
		private String name = "";

		/**
		 * SHA-256 of the token, 64 hex digits ({@code printf %s "$TOKEN" | sha256sum}).
		 */
		private String sha256 = "";

		/**
		 * {@code CLIENT} (transactions) or {@code OPERATOR} (also the operator calls and
		 * Actuator's diagnostics).
		 */
		private ApiRole role = ApiRole.CLIENT;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getSha256() {
			return this.sha256;
		}

		public void setSha256(String sha256) {
			this.sha256 = sha256;
		}

		public ApiRole getRole() {
			return this.role;
		}

		public void setRole(ApiRole role) {
			this.role = role;
		}

	}

	/**
	 * Who may read Actuator. {@code health} (status only) and {@code info} are always
	 * public; endpoints not named here need an {@code OPERATOR} token.
	 */
	public static final class Actuator {

		/**
		 * {@code /actuator/dtm} and health details: {@code public} (development) or
		 * {@code operator} (an {@code OPERATOR} token; the production profile).
		 */
		private ActuatorAccess diagnostics = ActuatorAccess.PUBLIC;

		/**
		 * {@code /actuator/prometheus}: {@code public} or {@code operator}.
		 */
		private ActuatorAccess prometheus = ActuatorAccess.PUBLIC;

		public ActuatorAccess getDiagnostics() {
			return this.diagnostics;
		}

		public void setDiagnostics(ActuatorAccess diagnostics) {
			this.diagnostics = diagnostics;
		}

		public ActuatorAccess getPrometheus() {
			return this.prometheus;
		}

		public void setPrometheus(ActuatorAccess prometheus) {
			this.prometheus = prometheus;
		}

	}

	/** How API callers authenticate. */
	public enum ApiAuthentication {

		/** No credentials, as dtm. */
		NONE,

		/** A bearer token of {@code dtm.server.security.api.tokens}. */
		TOKEN

	}

	/** Who may make the operator calls. */
	public enum OperatorCalls {

		/** Anyone who may call the API, as dtm. */
		OPEN,

		/** Only callers with an {@code OPERATOR} token. */
		OPERATOR

	}

	/** The role of an API token. */
	public enum ApiRole {

		/** Runs transactions. */
		CLIENT,

		/** Runs transactions, makes the operator calls and reads diagnostics. */
		OPERATOR

	}

	/** Who may read an Actuator endpoint. */
	public enum ActuatorAccess {

		/** Anyone who reaches the port. */
		PUBLIC,

		/** Callers with an {@code OPERATOR} token. */
		OPERATOR

	}

	/**
	 * The addresses the coordinator may call as branches, query_prepared, topic
	 * subscribers and workflow callbacks; checked when the API receives a URL (400,
	 * nothing written) and again right before each call on the resolved address.
	 * Patterns: a host ({@code billing}, {@code *.svc.cluster.local}), {@code host:port},
	 * an address or CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}), a discovery
	 * service ({@code nacos://order-svc}, {@code lb://*}), or {@code *} for everything.
	 * Link-local and cloud metadata addresses and the coordinator's own management
	 * endpoint are refused unless an allow pattern names them.
	 */
	public static final class BranchUrls {

		/**
		 * Patterns of what may be called. The default {@code *} (development) allows
		 * every address but the always-denied ones and logs a warning at start-up; the
		 * production profile and the Helm chart start empty, which allows nothing until
		 * the participants are listed.
		 */
		private List<String> allow = new ArrayList<>(List.of("*"));

		/**
		 * Patterns of what must never be called; they win over allow.
		 */
		private List<String> deny = new ArrayList<>();

		public List<String> getAllow() {
			return this.allow;
		}

		public void setAllow(List<String> allow) {
			this.allow = allow;
		}

		public List<String> getDeny() {
			return this.deny;
		}

		public void setDeny(List<String> deny) {
			this.deny = deny;
		}

	}

	/**
	 * The registry of the coordinator instances sharing the store, shown on the console's
	 * health page: each instance writes its record (id {@code host:http-port}, version,
	 * ports, the gids of the passes it is running) every heartbeat and removes it on
	 * shutdown.
	 */
	public static final class Instances {

		/**
		 * How often an instance renews its record.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		@DurationMin(millis = 100)
		private Duration heartbeatInterval = Duration.ofSeconds(10);

		/**
		 * An instance whose record is older than this is shown as lost (it died or cannot
		 * reach the store). Keep it at least two heartbeat intervals.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration lostAfter = Duration.ofSeconds(30);

		/**
		 * The record of a lost instance is deleted, by any instance, once it is this old.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration forgetAfter = Duration.ofHours(1);

		public Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
		}

		public Duration getLostAfter() {
			return this.lostAfter;
		}

		public void setLostAfter(Duration lostAfter) {
			this.lostAfter = lostAfter;
		}

		public Duration getForgetAfter() {
			return this.forgetAfter;
		}

		public void setForgetAfter(Duration forgetAfter) {
			this.forgetAfter = forgetAfter;
		}

	}

	/**
	 * Retention of finished transactions in the SQL store: one instance at a time (the
	 * holder of the lease {@code retention} in {@code dtm_lease}) deletes the
	 * transactions that finished longer ago than {@code finished}, with their branches
	 * and branch call records, in batches with a pause between them. Unfinished
	 * transactions are never deleted. The Redis store lets finished transactions expire
	 * instead ({@code dtm.server.store.redis.finished-data-expire}) and ignores these
	 * settings.
	 */
	public static final class Retention {

		/**
		 * How long a finished (succeed or failed) transaction is kept after it finished.
		 * 0 keeps every transaction forever, as dtm does.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		@DurationMin(seconds = 0)
		private Duration finished = Duration.ofDays(7);

		/**
		 * How often each instance tries to take the cleanup lease; the holder deletes
		 * everything due, then waits this long.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		@DurationMin(seconds = 1)
		private Duration interval = Duration.ofMinutes(1);

		/**
		 * Most transactions deleted in one database transaction.
		 */
		@Min(1)
		@Max(5000)
		private int batchSize = 500;

		/**
		 * Pause after each batch, which bounds the deletion rate (with the defaults, at
		 * most 5,000 transactions a second) so live traffic keeps the store. Keep the
		 * rate above the rate transactions finish at, or rows pile up.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		@DurationMin(millis = 0)
		private Duration batchPause = Duration.ofMillis(100);

		/**
		 * How long the cleanup lease lasts without renewal; the holder renews it before
		 * every batch. An instance that dies holding it delays the cleanup by at most
		 * this long.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		@DurationMin(seconds = 1)
		private Duration lease = Duration.ofMinutes(2);

		public Duration getFinished() {
			return this.finished;
		}

		public void setFinished(Duration finished) {
			this.finished = finished;
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

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			this.lease = lease;
		}

	}

	/**
	 * The audit trail of operator actions. The SQL store keeps every entry; the Redis
	 * store keeps a bounded number.
	 */
	public static final class Audit {

		/**
		 * Most audit entries the Redis store keeps; beyond it the oldest are dropped.
		 * Entries never expire.
		 */
		@Min(1)
		private int redisMaxEntries = 100_000;

		public int getRedisMaxEntries() {
			return this.redisMaxEntries;
		}

		public void setRedisMaxEntries(int redisMaxEntries) {
			this.redisMaxEntries = redisMaxEntries;
		}

	}

	/**
	 * The alert webhook (dtm's AlertWebHook and AlertRetryLimit): a JSON POST with the
	 * gid, the global status, the failing branch URL, the error and the retry count when
	 * a transaction's back-off reaches the retry limit. The retry count is read from the
	 * back-off as dtm reads it, log2(interval / base interval), so the limit is reached
	 * only when the interval can double that often below max-retry-interval.
	 */
	public static final class Alert {

		/**
		 * Absolute http(s) URL the alerts are posted to. Empty turns alerts off.
		 */
		private String webhookUrl = "";

		/**
		 * Retry count at which a transaction alerts: the number of back-offs (interval
		 * doublings) since its interval was last reset.
		 */
		@Min(1)
		private int retryLimit = 3;

		/**
		 * Whether every back-off at or above the retry limit posts an alert, as dtm does,
		 * instead of only the one that reaches the limit.
		 */
		private boolean everyRetry;

		/**
		 * Timeout of one post, connecting included. Posts run in the background and never
		 * delay a processing pass.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		@DurationMin(millis = 100)
		private Duration timeout = Duration.ofSeconds(3);

		public String getWebhookUrl() {
			return this.webhookUrl;
		}

		public void setWebhookUrl(String webhookUrl) {
			this.webhookUrl = webhookUrl;
		}

		public int getRetryLimit() {
			return this.retryLimit;
		}

		public void setRetryLimit(int retryLimit) {
			this.retryLimit = retryLimit;
		}

		public boolean isEveryRetry() {
			return this.everyRetry;
		}

		public void setEveryRetry(boolean everyRetry) {
			this.everyRetry = everyRetry;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Background processing of due transactions.
	 */
	public static final class Cron {

		/**
		 * Whether this instance polls the store for due transactions. Turn it off only on
		 * instances that must serve the API without processing (every store needs at
		 * least one polling instance).
		 */
		private boolean enabled = true;

		/**
		 * Sleep between two polls when no transaction is due (dtm's TransCronInterval). A
		 * random part of up to one third of it is subtracted so instances spread out.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		@DurationMin(millis = 10)
		private Duration interval = Duration.ofSeconds(3);

		/**
		 * Most processing passes the cron runs at once on this instance. One poller
		 * leases due transactions and hands each to a pass of its own, so a backlog after
		 * a restart or an outage is worked off in parallel and a slow branch holds up
		 * only its own transaction.
		 */
		private int workers = 16;

		/**
		 * How long shutdown waits for a pass in progress to finish its branch calls
		 * before interrupting it.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration shutdownGrace = Duration.ofSeconds(10);

		public Duration getShutdownGrace() {
			return this.shutdownGrace;
		}

		public void setShutdownGrace(Duration shutdownGrace) {
			this.shutdownGrace = shutdownGrace;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public int getWorkers() {
			return this.workers;
		}

		public void setWorkers(int workers) {
			this.workers = workers;
		}

	}

	/**
	 * Where transactions are stored.
	 */
	public static final class Store {

		/**
		 * Store implementation.
		 */
		private StoreType type = StoreType.JPA;

		private final H2 h2 = new H2();

		private final Redis redis = new Redis();

		public StoreType getType() {
			return this.type;
		}

		public void setType(StoreType type) {
			this.type = type;
		}

		public H2 getH2() {
			return this.h2;
		}

		public Redis getRedis() {
			return this.redis;
		}

	}

	/**
	 * Redis store, used when {@code dtm.server.store.type=redis}. The connection itself
	 * is configured with the standard {@code spring.data.redis.*} keys.
	 */
	public static final class Redis {

		/**
		 * Prefix of every key the store writes. Keep it a cluster hash tag such as "{a}"
		 * so that all keys land in one slot, which the Lua scripts of a Redis Cluster
		 * require. Instances that share a prefix share their transactions.
		 */
		@NotBlank
		private String prefix = "{a}";

		/**
		 * How long the data of an unfinished transaction is kept after its last write
		 * (dtm's DataExpire).
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		@DurationMin(seconds = 1)
		private Duration dataExpire = Duration.ofDays(7);

		/**
		 * How long the data of a finished (succeed or failed) transaction is kept after
		 * it finished (dtm's FinishedDataExpire).
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		@DurationMin(seconds = 1)
		private Duration finishedDataExpire = Duration.ofDays(1);

		/**
		 * Longest wait between two reconnection attempts after Redis went away (Lettuce
		 * doubles the wait from 100 ms up to this). Lettuce's own default of 30 s would
		 * keep the coordinator unready for up to half a minute after Redis is back.
		 */
		@DurationMin(millis = 100)
		private Duration maxReconnectDelay = Duration.ofSeconds(2);

		public Duration getMaxReconnectDelay() {
			return this.maxReconnectDelay;
		}

		public void setMaxReconnectDelay(Duration maxReconnectDelay) {
			this.maxReconnectDelay = maxReconnectDelay;
		}

		/**
		 * Whether start-up fails when Redis does not answer a PING, reporting the
		 * classified cause (D1002). When off, the coordinator starts and reports the
		 * problem through its health endpoints instead.
		 */
		private boolean failFast = true;

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		public Duration getDataExpire() {
			return this.dataExpire;
		}

		public void setDataExpire(Duration dataExpire) {
			this.dataExpire = dataExpire;
		}

		public Duration getFinishedDataExpire() {
			return this.finishedDataExpire;
		}

		public void setFinishedDataExpire(Duration finishedDataExpire) {
			this.finishedDataExpire = finishedDataExpire;
		}

		public boolean isFailFast() {
			return this.failFast;
		}

		public void setFailFast(boolean failFast) {
			this.failFast = failFast;
		}

	}

	/**
	 * Embedded H2 file store used by the default profile.
	 */
	public static final class H2 {

		/**
		 * Directory holding the embedded H2 database files; created when missing.
		 */
		private Path dataDir = Paths.get("data");

		public Path getDataDir() {
			return this.dataDir;
		}

		public void setDataDir(Path dataDir) {
			this.dataDir = dataDir;
		}

	}

	/**
	 * Input limits enforced before anything is written.
	 */
	/**
	 * Metrics settings.
	 */
	public static final class Metrics {

		/**
		 * Label dtm_branch_process_total with the branch id as dtm does. Off by default:
		 * tcc and xa clients choose their branch ids, so every new id would add series
		 * without bound; when off the label is "-".
		 */
		private boolean branchIdLabel;

		/**
		 * An unfinished transaction counts in dtm_cron_overdue_transactions once its next
		 * processing time is this far past: due work that no instance has taken.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration overdueAfter = Duration.ofMinutes(1);

		/**
		 * How often each instance counts the overdue transactions (one indexed count
		 * query of at most 10,000 entries).
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration overdueInterval = Duration.ofSeconds(30);

		public boolean isBranchIdLabel() {
			return this.branchIdLabel;
		}

		public void setBranchIdLabel(boolean branchIdLabel) {
			this.branchIdLabel = branchIdLabel;
		}

		public Duration getOverdueAfter() {
			return this.overdueAfter;
		}

		public void setOverdueAfter(Duration overdueAfter) {
			this.overdueAfter = overdueAfter;
		}

		public Duration getOverdueInterval() {
			return this.overdueInterval;
		}

		public void setOverdueInterval(Duration overdueInterval) {
			this.overdueInterval = overdueInterval;
		}

	}

	/**
	 * Re-runs of a saga action inside one pass when the saga sets {@code retry_limit}
	 * (dtm re-runs at once; here each re-run waits a doubling delay, the global status is
	 * read again before it, and all re-runs of a pass fit in a budget, after which the
	 * cron's back-off takes over).
	 */
	public static final class InPassRetry {

		/**
		 * Delay before the first re-run; each further re-run doubles it.
		 */
		@DurationMin(millis = 0)
		private Duration initialDelay = Duration.ofMillis(100);

		/**
		 * Upper bound of the delay between two re-runs.
		 */
		@DurationMin(millis = 0)
		private Duration maxDelay = Duration.ofSeconds(2);

		/**
		 * Time one pass may spend on re-runs, counted from the start of the pass. Keep it
		 * below the retry interval (the cron's lease).
		 */
		@DurationMin(millis = 0)
		private Duration budget = Duration.ofSeconds(5);

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public Duration getBudget() {
			return this.budget;
		}

		public void setBudget(Duration budget) {
			this.budget = budget;
		}

	}

	public static final class Limits {

		/**
		 * Maximum number of steps in one saga or msg.
		 */
		private int maxSteps = 1000;

		/**
		 * Maximum size of one branch payload in bytes. The SQL store's bin_data column
		 * (MEDIUMBLOB, 16 MiB) and Redis hold more; larger payloads are refused with 400.
		 */
		private int maxPayloadBytes = 1024 * 1024;

		/**
		 * Longest timeout_to_fail, retry_interval, msg custom_data delay and
		 * resetCronTime timeout accepted. Stored transactions with larger values (written
		 * by another coordinator) are treated as if they had this value.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		@DurationMin(seconds = 1)
		private Duration maxTimeout = Duration.ofDays(3650);

		/**
		 * Largest request body accepted on /api/dtmsvr/*; larger bodies get 413 before
		 * they are read into memory.
		 */
		private long maxRequestBytes = 32L * 1024 * 1024;

		/**
		 * Deepest nesting of JSON objects and arrays the coordinator reads (request
		 * bodies, stored options). dtm's requests nest a few levels (payloads are
		 * strings); deeper bodies get 400 before they cost stack and memory.
		 */
		@Min(8)
		private int maxJsonDepth = 64;

		/**
		 * Most API calls per second from one client address (HTTP /api/dtmsvr/*,
		 * /api/json-rpc and gRPC); 0 turns the limit off. Calls beyond it get 429 with
		 * Retry-After (gRPC RESOURCE_EXHAUSTED). Behind a proxy the address is the
		 * forwarded one when forward headers are trusted.
		 */
		@Min(0)
		private int ratePerClient;

		/**
		 * Calls one client may make at once beyond the rate, after a quiet spell.
		 */
		@Min(1)
		private int rateBurst = 200;

		public int getMaxJsonDepth() {
			return this.maxJsonDepth;
		}

		public void setMaxJsonDepth(int maxJsonDepth) {
			this.maxJsonDepth = maxJsonDepth;
		}

		public int getRatePerClient() {
			return this.ratePerClient;
		}

		public void setRatePerClient(int ratePerClient) {
			this.ratePerClient = ratePerClient;
		}

		public int getRateBurst() {
			return this.rateBurst;
		}

		public void setRateBurst(int rateBurst) {
			this.rateBurst = rateBurst;
		}

		public long getMaxRequestBytes() {
			return this.maxRequestBytes;
		}

		public void setMaxRequestBytes(long maxRequestBytes) {
			this.maxRequestBytes = maxRequestBytes;
		}

		/**
		 * Longest request_timeout (one branch call) accepted.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		@DurationMin(seconds = 1)
		private Duration maxRequestTimeout = Duration.ofHours(1);

		public Duration getMaxTimeout() {
			return this.maxTimeout;
		}

		public void setMaxTimeout(Duration maxTimeout) {
			this.maxTimeout = maxTimeout;
		}

		public Duration getMaxRequestTimeout() {
			return this.maxRequestTimeout;
		}

		public void setMaxRequestTimeout(Duration maxRequestTimeout) {
			this.maxRequestTimeout = maxRequestTimeout;
		}

		public int getMaxSteps() {
			return this.maxSteps;
		}

		public void setMaxSteps(int maxSteps) {
			this.maxSteps = maxSteps;
		}

		public int getMaxPayloadBytes() {
			return this.maxPayloadBytes;
		}

		public void setMaxPayloadBytes(int maxPayloadBytes) {
			this.maxPayloadBytes = maxPayloadBytes;
		}

	}

	/**
	 * Registration in a service registry (Nacos, when
	 * {@code spring.cloud.nacos.discovery.enabled=true}): retry with exponential
	 * back-off, D1003 once the attempts are used up, then background attempts until
	 * registered.
	 */
	public static final class Registry {

		/**
		 * Number of registration attempts, the first included, before D1003 is reported.
		 * The same budget applies when a registered instance loses its registration.
		 */
		@Min(1)
		private int maxAttempts = 5;

		/**
		 * Wait before the second attempt.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		@DurationMin(millis = 10)
		private Duration initialInterval = Duration.ofMillis(1000);

		/**
		 * Factor applied to the wait after each further failed attempt.
		 */
		@DecimalMin("1.0")
		private double multiplier = 1.5;

		/**
		 * Upper bound of one back-off wait.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		@DurationMin(millis = 10)
		private Duration maxInterval = Duration.ofSeconds(30);

		/**
		 * How often a registered instance is verified (registry connection up, instance
		 * listed), and how often registration is tried again in the background after
		 * D1003.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		@DurationMin(millis = 100)
		private Duration checkInterval = Duration.ofSeconds(10);

		/**
		 * Timeout of the TCP probe of the registry address that classifies a failure
		 * (refused, unknown host, timeout).
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		@DurationMin(millis = 10)
		private Duration probeTimeout = Duration.ofSeconds(2);

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

		public Duration getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(Duration checkInterval) {
			this.checkInterval = checkInterval;
		}

		public Duration getProbeTimeout() {
			return this.probeTimeout;
		}

		public void setProbeTimeout(Duration probeTimeout) {
			this.probeTimeout = probeTimeout;
		}

	}

	/**
	 * Store implementations.
	 */
	public enum StoreType {

		/** Spring Data JPA: embedded H2 by default, MySQL in production. */
		JPA,

		/**
		 * Redis through Spring Data Redis and Lettuce, with dtm's key layout; no database
		 * is needed.
		 */
		REDIS;

		/**
		 * The property that selects the store; conditions on it select the store's beans
		 * and Spring Boot's auto-configuration.
		 */
		public static final String PROPERTY = "dtm.server.store.type";

	}

	/**
	 * Opt-in checks stricter than dtm. By default the coordinator accepts what dtm
	 * accepts; each switch refuses (HTTP 400, nothing written) a request dtm would take
	 * but handle badly.
	 */
	public static final class Strict {

		/**
		 * Refuse a gid holding CR, LF, ';', whitespace or control characters. dtm (and
		 * this coordinator by default) silently removes CR, LF and ';' from the gid of
		 * prepare, submit, abort, forceStop, resetNextCronTime and registerBranch and
		 * takes any other character.
		 */
		private boolean gid;

		/**
		 * Refuse a msg prepare without query_prepared. dtm (and this coordinator by
		 * default) stores it without one; when such a msg times out while prepared, the
		 * empty check-back counts as success and the msg is submitted and delivered.
		 */
		private boolean queryPrepared;

		/**
		 * Answer bad input on the gRPC API with INVALID_ARGUMENT. dtm (and this
		 * coordinator by default) answers it with INTERNAL, as a server fault.
		 */
		private boolean grpcStatus;

		/**
		 * Answer the client mistakes dtm answers with 500 on the HTTP API with a 4xx: an
		 * unknown gid, topic or subscriber with 404, a missing gid with 400.
		 */
		private boolean clientErrors;

		public boolean isClientErrors() {
			return this.clientErrors;
		}

		public void setClientErrors(boolean clientErrors) {
			this.clientErrors = clientErrors;
		}

		public boolean isGid() {
			return this.gid;
		}

		public void setGid(boolean gid) {
			this.gid = gid;
		}

		public boolean isQueryPrepared() {
			return this.queryPrepared;
		}

		public void setQueryPrepared(boolean queryPrepared) {
			this.queryPrepared = queryPrepared;
		}

		public boolean isGrpcStatus() {
			return this.grpcStatus;
		}

		public void setGrpcStatus(boolean grpcStatus) {
			this.grpcStatus = grpcStatus;
		}

	}

}
