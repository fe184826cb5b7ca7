package io.dtm.server.crash;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dtm.server.testsupport.CoordinatorProcess;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.ScriptedParticipant;
import io.dtm.server.testsupport.ScriptedParticipant.Reply;
import io.dtm.server.testsupport.ThrowAwayRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite: coordinators run as their own JVMs with default timings, a load of
 * transactions of every mode is in flight (each has a slow branch), and a coordinator is
 * killed with SIGKILL. The survivors (or a fresh process) must drive every transaction to
 * its expected final state within 30 seconds. Each scenario prints one line: lost, stuck,
 * wrong final state, missing calls, duplicate calls and time to final; the suite fails on
 * any lost, stuck, wrong or missing. {@code -Ddtm.fault.per-mode=N} sets the load (5 per
 * mode by default; {@code docs/reliability.md} has the figures of a bigger run).
 */
class FaultSuiteIT {

	private static final Duration FINAL_WITHIN = Duration.ofSeconds(30);

	private static final int PER_MODE = Integer.getInteger("dtm.fault.per-mode", 5);

	private final List<CoordinatorProcess> coordinators = new ArrayList<>();

	private ScriptedParticipant participant;

	private ThrowAwayRedis redis;

	@BeforeEach
	void start() {
		this.participant = ScriptedParticipant.start();
	}

	@AfterEach
	void stop() {
		this.coordinators.forEach(CoordinatorProcess::close);
		this.participant.close();
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void whenTheOnlyCoordinatorIsKilledOnMariaDbShouldARestartFinishEveryTransaction() throws Exception {
		List<String> store = mariadb();
		Report report = killAndRecover("mariadb-restart", store, 1);
		report.assertClean();
	}

	@Test
	void whenTheOnlyCoordinatorIsKilledOnRedisWithAofShouldARestartFinishEveryTransaction() throws Exception {
		this.redis = ThrowAwayRedis.start("--appendonly", "yes", "--appendfsync", "always", "--dir",
				java.nio.file.Files.createTempDirectory("fault-redis").toString());
		List<String> store = List.of("--dtm.server.store.type=redis", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + this.redis.port());
		Report report = killAndRecover("redis-restart", store, 1);
		report.assertClean();
	}

	@Test
	void whenOneOfThreeCoordinatorsIsKilledUnderLoadShouldTheOthersFinishEveryTransaction() throws Exception {
		List<String> store = mariadb();
		Report report = killAndRecover("mariadb-3-instances", store, 3);
		report.assertClean();
	}

	private static List<String> mariadb() {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("fault");
		return List.of("--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
				"--spring.datasource.password=" + db.password(),
				"--spring.jpa.properties.jakarta.persistence.database-product-name=MariaDB",
				"--spring.jpa.properties.jakarta.persistence.database-product-version=10.11");
	}

	/**
	 * Start {@code instances} coordinators, put load on the first, kill it while branch
	 * calls are in flight, start a replacement when it was the only one, and wait for
	 * every transaction to be final.
	 */
	private Report killAndRecover(String scenario, List<String> store, int instances) throws Exception {
		for (int i = 0; i < instances; i++) {
			this.coordinators.add(CoordinatorProcess.start(scenario + "-" + i, store));
		}
		CoordinatorProcess victim = this.coordinators.get(0);
		Map<String, Expected> expected = new LinkedHashMap<>();
		for (int i = 0; i < PER_MODE; i++) {
			for (Mode mode : Mode.values()) {
				String gid = scenario + "-" + mode.name().toLowerCase() + "-" + i + "-" + UUID.randomUUID();
				expected.put(gid, mode.submit(victim.http(), this.participant, gid));
			}
		}
		Thread.sleep(1000);
		victim.close();
		long killed = System.nanoTime();
		List<CoordinatorProcess> survivors = new ArrayList<>(this.coordinators.subList(1, this.coordinators.size()));
		if (survivors.isEmpty()) {
			CoordinatorProcess replacement = CoordinatorProcess.start(scenario + "-replacement", store);
			this.coordinators.add(replacement);
			survivors.add(replacement);
		}
		DtmHttp http = survivors.get(0).http();
		long deadline = killed + FINAL_WITHIN.toNanos() + Duration.ofSeconds(10).toNanos();
		Map<String, String> finalStatus = new LinkedHashMap<>();
		while (System.nanoTime() < deadline && finalStatus.size() < expected.size()) {
			for (String gid : expected.keySet()) {
				if (!finalStatus.containsKey(gid)) {
					String status = http.status(gid);
					if ("succeed".equals(status) || "failed".equals(status)) {
						finalStatus.put(gid, status);
					}
				}
			}
			Thread.sleep(250);
		}
		Duration toFinal = Duration.ofNanos(System.nanoTime() - killed);
		Report report = new Report(scenario, expected.size());
		for (Map.Entry<String, Expected> entry : expected.entrySet()) {
			String gid = entry.getKey();
			String status = http.status(gid);
			if (status == null || status.isEmpty() || "null".equals(status)) {
				report.lost.add(gid);
			}
			else if (!finalStatus.containsKey(gid)) {
				report.stuck.add(gid + " (" + status + ")");
			}
			else if (!entry.getValue().status().equals(status)) {
				report.wrong.add(gid + " (" + status + ", expected " + entry.getValue().status() + ")");
			}
			List<String> trace = this.participant.trace(gid);
			for (String call : entry.getValue().calls()) {
				if (!trace.contains(call)) {
					report.missing.add(gid + " " + call);
				}
			}
			report.duplicates += trace.size() - trace.stream().distinct().count();
		}
		report.toFinal = toFinal;
		System.out.println(report);
		return report;
	}

	/**
	 * What a transaction must end as.
	 *
	 * @param status final global status
	 * @param calls branch calls ({@code path@op}) that must have been made
	 */
	record Expected(String status, List<String> calls) {

	}

	/**
	 * The load: one kind of transaction per mode, each with a slow branch so the kill
	 * finds calls in flight.
	 */
	enum Mode {

		SAGA {
			@Override
			Expected submit(DtmHttp http, ScriptedParticipant p, String gid) {
				p.script("/" + gid + "/a2", Reply.slow(Duration.ofSeconds(2)));
				post(http, "submit", "{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\",\"steps\":[" + step(p, gid, 1)
						+ "," + step(p, gid, 2) + "],\"payloads\":[\"{}\",\"{}\"]}");
				return new Expected("succeed", List.of("/" + gid + "/a1@action", "/" + gid + "/a2@action"));
			}
		},

		SAGA_CONCURRENT_FAILING {
			@Override
			Expected submit(DtmHttp http, ScriptedParticipant p, String gid) {
				p.script("/" + gid + "/a1", Reply.slow(Duration.ofSeconds(2)));
				p.always("/" + gid + "/a2", Reply.failure());
				post(http, "submit", "{\"gid\":\"" + gid
						+ "\",\"trans_type\":\"saga\",\"custom_data\":\"{\\\"concurrent\\\":true}\"," + "\"steps\":["
						+ step(p, gid, 1) + "," + step(p, gid, 2) + "],\"payloads\":[\"{}\",\"{}\"]}");
				return new Expected("failed", List.of("/" + gid + "/c1@compensate", "/" + gid + "/c2@compensate"));
			}
		},

		MSG {
			@Override
			Expected submit(DtmHttp http, ScriptedParticipant p, String gid) {
				p.script("/" + gid + "/a2", Reply.slow(Duration.ofSeconds(2)));
				post(http, "submit",
						"{\"gid\":\"" + gid + "\",\"trans_type\":\"msg\",\"steps\":[{\"action\":\""
								+ p.url("/" + gid + "/a1") + "\"},{\"action\":\"" + p.url("/" + gid + "/a2")
								+ "\"}],\"payloads\":[\"{}\",\"{}\"]}");
				return new Expected("succeed", List.of("/" + gid + "/a1@action", "/" + gid + "/a2@action"));
			}
		},

		TCC {
			@Override
			Expected submit(DtmHttp http, ScriptedParticipant p, String gid) {
				p.script("/" + gid + "/confirm1", Reply.slow(Duration.ofSeconds(2)));
				post(http, "prepare", "{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\"}");
				for (int b = 1; b <= 2; b++) {
					post(http, "registerBranch",
							"{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\",\"branch_id\":\"0" + b
									+ "\",\"data\":\"{}\",\"confirm\":\"" + p.url("/" + gid + "/confirm" + b)
									+ "\",\"cancel\":\"" + p.url("/" + gid + "/cancel" + b) + "\"}");
				}
				post(http, "submit", "{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\"}");
				return new Expected("succeed",
						List.of("/" + gid + "/confirm1@confirm", "/" + gid + "/confirm2@confirm"));
			}
		},

		XA {
			@Override
			Expected submit(DtmHttp http, ScriptedParticipant p, String gid) {
				p.script("/" + gid + "/xa1", Reply.slow(Duration.ofSeconds(2)));
				post(http, "prepare", "{\"gid\":\"" + gid + "\",\"trans_type\":\"xa\"}");
				for (int b = 1; b <= 2; b++) {
					post(http, "registerBranch", "{\"gid\":\"" + gid + "\",\"trans_type\":\"xa\",\"branch_id\":\"0" + b
							+ "\",\"url\":\"" + p.url("/" + gid + "/xa" + b) + "\"}");
				}
				post(http, "submit", "{\"gid\":\"" + gid + "\",\"trans_type\":\"xa\"}");
				return new Expected("succeed", List.of("/" + gid + "/xa1@commit", "/" + gid + "/xa2@commit"));
			}
		};

		abstract Expected submit(DtmHttp http, ScriptedParticipant participant, String gid);

		private static String step(ScriptedParticipant p, String gid, int step) {
			return "{\"action\":\"" + p.url("/" + gid + "/a" + step) + "\",\"compensate\":\""
					+ p.url("/" + gid + "/c" + step) + "\"}";
		}

		private static void post(DtmHttp http, String api, String body) {
			DtmHttp.Reply reply = http.post("/api/dtmsvr/" + api, body);
			assertThat(reply.status()).as("%s %s: %s", api, body, reply.body()).isEqualTo(200);
		}

	}

	/**
	 * The outcome of one scenario.
	 */
	static final class Report {

		final String scenario;

		final int transactions;

		final List<String> lost = new ArrayList<>();

		final List<String> stuck = new ArrayList<>();

		final List<String> wrong = new ArrayList<>();

		final List<String> missing = new ArrayList<>();

		long duplicates;

		Duration toFinal;

		Report(String scenario, int transactions) {
			this.scenario = scenario;
			this.transactions = transactions;
		}

		void assertClean() {
			assertThat(this.lost).as("lost in " + this.scenario).isEmpty();
			assertThat(this.stuck).as("stuck in " + this.scenario).isEmpty();
			assertThat(this.wrong).as("wrong final state in " + this.scenario).isEmpty();
			assertThat(this.missing).as("missing calls in " + this.scenario).isEmpty();
			assertThat(this.toFinal).as("time to final after the kill in " + this.scenario)
				.isLessThanOrEqualTo(FINAL_WITHIN);
		}

		@Override
		public String toString() {
			return String.format(
					"[fault] %s: %d transactions, lost %d, stuck %d, wrong %d, missing calls %d, duplicate calls %d,"
							+ " all final %.1f s after the kill",
					this.scenario, this.transactions, this.lost.size(), this.stuck.size(), this.wrong.size(),
					this.missing.size(), this.duplicates, this.toFinal.toMillis() / 1000.0);
		}

	}

}
