package io.dtm.server.crash;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransRequest;
import io.dtm.core.TransType;
import io.dtm.server.DtmServerApplication;
import io.dtm.server.engine.BranchInvoker;
import io.dtm.server.instance.InstanceIdentity;
import io.dtm.server.service.TransFactory;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.InstanceRecord;
import io.dtm.server.store.InstanceRegistry;
import io.dtm.server.store.TransStore;
import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.ScriptedParticipant;
import io.dtm.server.testsupport.ScriptedParticipant.Call;
import io.dtm.server.testsupport.ScriptedParticipant.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two coordinator instances (two application contexts in this JVM, each with its own
 * port, cron with two workers) share one MariaDB database and drain a backlog of 200
 * two-step sagas through their crons; one saga in ten fails on step 2 and must be
 * compensated. The backlog is written by a third context with its cron disabled, parked
 * in the future, and released in one statement once both instances run, so both compete
 * for it from the same moment. Duplicate branch calls (calls beyond the first per gid,
 * branch and op, which the lease is meant to avoid and branch idempotency must absorb)
 * are counted and printed on a line starting with {@code [dup-calls]}.
 */
@Tag("integration")
class TwoInstancesBacklogIT {

	private static final int SAGAS = 200;

	private static final int FAIL_EVERY = 10;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final Map<String, AtomicInteger> callsByInstance = new ConcurrentHashMap<>();

	private ScriptedParticipant participant;

	@BeforeEach
	void startParticipant() {
		this.participant = ScriptedParticipant.start();
		this.participant.always("/fail-action", Reply.failure());
	}

	@AfterEach
	void cleanUp() {
		for (ConfigurableApplicationContext context : this.contexts) {
			context.close();
		}
		this.contexts.clear();
		if (this.participant != null) {
			this.participant.close();
		}
	}

	@Test
	void whenTwoInstancesDrainBacklogShouldFinishEverySagaWithFewDuplicateCalls() throws Exception {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("backlog");
		String run = UUID.randomUUID().toString().substring(0, 8);
		Set<String> failing = new HashSet<>();
		List<String> gids = new ArrayList<>();
		for (int i = 0; i < SAGAS; i++) {
			String gid = String.format("backlog-%s-%03d", run, i);
			gids.add(gid);
			if (i % FAIL_EVERY == FAIL_EVERY - 1) {
				failing.add(gid);
			}
		}

		try (ConfigurableApplicationContext seeder = start("seed", db, false)) {
			this.contexts.remove(seeder);
			writeParkedBacklog(seeder, gids, failing);
		}
		assertThat(countByStatus(db)).containsExactly(Map.entry("submitted", (long) SAGAS));

		ConfigurableApplicationContext first = start("a", db, true);
		ConfigurableApplicationContext second = start("b", db, true);
		long started = System.nanoTime();
		LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
		int released = first.getBean(TransStore.class).resetCronTime(now.plusMinutes(10), now.minusSeconds(5), 1000);
		assertThat(released).as("backlog released in one statement").isEqualTo(SAGAS);

		await("every saga finished").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> finishedCount(db) == SAGAS);
		long drainMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		// let a pass that was still running elsewhere make its last calls before counting
		Thread.sleep(1000);

		TransStore store = first.getBean(TransStore.class);
		String idA = first.getBean(InstanceIdentity.class).id();
		String idB = second.getBean(InstanceIdentity.class).id();
		Set<String> leasedBy = new HashSet<>();
		for (String gid : gids) {
			GlobalTrans trans = store.find(gid).orElseThrow();
			assertThat(trans.status()).as(gid)
				.isEqualTo(failing.contains(gid) ? GlobalStatus.FAILED : GlobalStatus.SUCCEED);
			leasedBy.add(InstanceRecord.instanceOf(trans.owner()).orElse(trans.owner()));
		}
		assertThat(leasedBy).as("the instances named by the lease owners").containsExactlyInAnyOrder(idA, idB);
		await("both instances in the registry").atMost(Duration.ofSeconds(15))
			.until(() -> first.getBean(InstanceRegistry.class)
				.instances()
				.stream()
				.map(InstanceRecord::id)
				.collect(Collectors.toSet())
				.containsAll(Set.of(idA, idB)));
		assertThat(idA).as("host:port of each instance")
			.endsWith(":" + ((WebServerApplicationContext) first).getWebServer().getPort())
			.isNotEqualTo(idB);

		List<Call> calls = this.participant.calls()
			.stream()
			.filter((call) -> call.query().getOrDefault("gid", "").startsWith("backlog-" + run))
			.toList();
		Map<String, Set<String>> distinctByGid = new TreeMap<>();
		for (Call call : calls) {
			distinctByGid.computeIfAbsent(call.query().get("gid"), (gid) -> new HashSet<>()).add(key(call));
		}
		for (String gid : gids) {
			Set<String> expected = failing.contains(gid) ? Set.of("/action-1@01@action", "/fail-action@02@action",
					"/compensate-2@02@compensate", "/compensate-1@01@compensate")
					: Set.of("/action-1@01@action", "/action-2@02@action");
			assertThat(distinctByGid.get(gid)).as("branch calls of %s", gid).isEqualTo(expected);
		}
		Set<String> compensated = calls.stream()
			.filter((call) -> "compensate".equals(call.query().get("op")))
			.map((call) -> call.query().get("gid"))
			.collect(Collectors.toSet());
		assertThat(compensated).as("compensated sagas").isEqualTo(failing);

		Map<String, Long> perBranch = calls.stream()
			.collect(Collectors.groupingBy((call) -> call.query().get("gid") + "@" + key(call), LinkedHashMap::new,
					Collectors.counting()));
		long duplicates = calls.size() - perBranch.size();
		List<String> duplicated = perBranch.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 1)
			.map((entry) -> entry.getKey() + " x" + entry.getValue())
			.toList();
		System.out.printf(
				"[dup-calls] %d duplicate branch calls out of %d (%.2f%%) for %d sagas (%d failing); "
						+ "branch calls per instance %s; backlog drained in %d ms; duplicated: %s%n",
				duplicates, calls.size(), 100.0 * duplicates / calls.size(), SAGAS, failing.size(),
				this.callsByInstance, drainMillis, duplicated);

		assertThat(this.callsByInstance.keySet()).as("instances that called branches")
			.containsExactlyInAnyOrder("a", "b");
		assertThat(this.callsByInstance.values()).allSatisfy((count) -> assertThat(count.get()).isPositive());
		assertThat(this.callsByInstance.values().stream().mapToInt(AtomicInteger::get).sum())
			.as("calls made by the instances")
			.isEqualTo(calls.size());
		assertThat(duplicates).as("duplicate branch calls").isLessThan(Math.max(1, calls.size() / 20));
	}

	private void writeParkedBacklog(ConfigurableApplicationContext seeder, List<String> gids, Set<String> failing)
			throws Exception {
		ObjectMapper mapper = seeder.getBean(ObjectMapper.class);
		TransFactory factory = seeder.getBean(TransFactory.class);
		TransStore store = seeder.getBean(TransStore.class);
		LocalDateTime parkedUntil = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).plusHours(1);
		for (String gid : gids) {
			String secondAction = this.participant.url(failing.contains(gid) ? "/fail-action" : "/action-2");
			String json = mapper.writeValueAsString(Map.of("gid", gid, "trans_type", "saga", "steps",
					List.of(Map.of("action", this.participant.url("/action-1"), "compensate",
							this.participant.url("/compensate-1")),
							Map.of("action", secondAction, "compensate", this.participant.url("/compensate-2"))),
					"payloads", List.of("{\"step\":1}", "{\"step\":2}")));
			TransRequest request = mapper.readValue(json, TransRequest.class);
			GlobalTrans created = factory.global(request, TransType.SAGA, GlobalStatus.SUBMITTED);
			GlobalTrans parked = new GlobalTrans(created.id(), created.gid(), created.transType(), created.status(),
					created.queryPrepared(), created.protocol(), created.createTime(), created.updateTime(),
					created.finishTime(), created.rollbackTime(), created.options(), created.customData(),
					created.nextCronInterval(), parkedUntil, created.owner(), created.extData(), created.result(),
					created.rollbackReason());
			assertThat(store.saveNew(parked, factory.branches(request, TransType.SAGA))).as(gid).isTrue();
		}
	}

	private ConfigurableApplicationContext start(String name, ExternalServices.Db db, boolean cron) {
		AtomicInteger calls = new AtomicInteger();
		// command-line arguments, so they win over the packaged application.yml
		ConfigurableApplicationContext context = new SpringApplicationBuilder(DtmServerApplication.class)
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.addBeanPostProcessor(countingInvoker(name, calls)))
			.run("--spring.application.name=dtm-" + name, "--server.port=0",
					"--spring.datasource.hikari.pool-name=dtm-" + name, "--spring.datasource.url=" + db.url(),
					"--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
					"--spring.jpa.properties.jakarta.persistence.database-product-name=MariaDB",
					"--spring.jpa.properties.jakarta.persistence.database-product-version=10.11",
					"--dtm.server.cron.enabled=" + cron, "--dtm.server.cron.workers=2",
					"--dtm.server.cron.interval=100ms", "--dtm.server.retry-interval=1s",
					"--dtm.server.request-timeout=3s");
		this.contexts.add(context);
		return context;
	}

	private BeanPostProcessor countingInvoker(String name, AtomicInteger calls) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof BranchInvoker invoker) {
					return (BranchInvoker) (request) -> {
						TwoInstancesBacklogIT.this.callsByInstance.putIfAbsent(name, calls);
						calls.incrementAndGet();
						return invoker.invoke(request);
					};
				}
				return bean;
			}

		};
	}

	private static String key(Call call) {
		return call.path() + "@" + call.query().get("branch_id") + "@" + call.query().get("op");
	}

	private static long finishedCount(ExternalServices.Db db) throws SQLException {
		Map<String, Long> counts = countByStatus(db);
		return counts.getOrDefault("succeed", 0L) + counts.getOrDefault("failed", 0L);
	}

	private static Map<String, Long> countByStatus(ExternalServices.Db db) throws SQLException {
		Map<String, Long> counts = new TreeMap<>();
		try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select status, count(*) from trans_global group by status")) {
			while (rows.next()) {
				counts.put(rows.getString(1), rows.getLong(2));
			}
		}
		return counts;
	}

}
