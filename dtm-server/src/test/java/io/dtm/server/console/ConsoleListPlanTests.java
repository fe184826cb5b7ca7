package io.dtm.server.console;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.dtm.server.store.TransStore;
import io.dtm.server.testsupport.TestStores;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's list on a MariaDB table of 100,000 transactions: every query the page
 * sends (first page, an older page, a status filter, a gid prefix) is read back from
 * Hibernate and explained by MariaDB, and each must use an index (no full scan), and the
 * pages answer in bounded time. The measured times are printed for the notes; the
 * benchmark, not this test, is where speed is judged.
 */
@Tag("integration")
@SpringBootTest(properties = { "dtm.server.cron.enabled=false",
		"spring.jpa.properties.hibernate.session_factory.statement_inspector=io.dtm.server.console.ConsoleListPlanTests$Recorder" })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleListPlanTests {

	private static final int ROWS = 100_000;

	private static final Duration BOUND = Duration.ofSeconds(5);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransStore store;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.mariadb(registry, "console_plan");
		registry.add("dtm.server.console.users[0].name", () -> "vera");
		registry.add("dtm.server.console.users[0].password",
				() -> "$2a$04$Jm0J8n6Zx2wq5mQ9E1gq6eJQ3tQ0lF3o9mX2yq7bqkq3C3gq2vQ8W");
	}

	@BeforeAll
	void fill() {
		LocalDateTime start = LocalDateTime.of(2026, 1, 1, 0, 0);
		String[] statuses = { "succeed", "succeed", "succeed", "succeed", "failed", "submitted", "prepared" };
		int chunk = 2_000;
		for (int from = 0; from < ROWS; from += chunk) {
			StringBuilder sql = new StringBuilder("INSERT INTO trans_global (gid, trans_type, status, query_prepared, "
					+ "protocol, create_time, update_time, next_cron_interval, next_cron_time, owner) VALUES ");
			List<Object> args = new ArrayList<>();
			for (int i = from; i < from + chunk; i++) {
				sql.append((i > from) ? ",(?,?,?,'','http',?,?,10,?,'')" : "(?,?,?,'','http',?,?,10,?,'')");
				LocalDateTime time = start.plusSeconds(i);
				args.addAll(List.of("plan-" + i, (i % 3 == 0) ? "msg" : "saga", statuses[i % statuses.length], time,
						time, time.plusSeconds(10)));
			}
			this.jdbc.update(sql.toString(), args.toArray());
		}
		this.jdbc.execute("ANALYZE TABLE trans_global");
	}

	@Test
	void whenPagingAndFilteringOneHundredThousandRowsShouldUseAnIndexForEveryQuery() throws Exception {
		List<String> pages = List.of("", "position=50000", "status=failed", "status=prepared&position=90000",
				"type=msg&status=succeed", "gid=plan-4242", "from=2026-01-01T10:00&to=2026-01-01T11:00");
		for (String query : pages) {
			Recorder.SQL.clear();
			long started = System.nanoTime();
			this.mvc.perform(get("/console/transactions?" + query).with(user("vera").roles("VIEWER")))
				.andExpect(status().isOk());
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			System.out.printf("console list ?%s on %,d rows: %d ms%n", query, ROWS, took.toMillis());
			assertThat(took).as("page ?%s", query).isLessThan(BOUND);
			List<String> selects = Recorder.SQL.stream()
				.filter((sql) -> sql.toLowerCase().contains("from trans_global")
						&& sql.toLowerCase().contains("order by"))
				.toList();
			assertThat(selects).as("the list query of ?%s", query).isNotEmpty();
			for (String select : selects) {
				List<Map<String, Object>> plan = this.jdbc.queryForList("EXPLAIN " + bind(select, query));
				System.out.printf("  plan: %s%n", plan);
				assertThat(plan).as("plan of %s", select).allSatisfy((row) -> {
					assertThat(row.get("key")).as("an index is used: %s", row).isNotNull();
					assertThat(String.valueOf(row.get("type"))).as("no full scan: %s", row).isNotEqualTo("ALL");
				});
			}
		}
		printWarmTimes();
	}

	/**
	 * What the first request of each page above paid once (templates, the first count per
	 * status) left out: each page again, and the count per status alone. Printed for the
	 * record; performance is judged in the benchmark, not here.
	 */
	private void printWarmTimes() throws Exception {
		for (String query : List.of("", "status=failed", "gid=plan-4242")) {
			long started = System.nanoTime();
			this.mvc.perform(get("/console/transactions?" + query).with(user("vera").roles("VIEWER")))
				.andExpect(status().isOk());
			System.out.printf("console list ?%s on %,d rows, warm: %d ms%n", query, ROWS,
					Duration.ofNanos(System.nanoTime() - started).toMillis());
		}
		long started = System.nanoTime();
		this.store.countByStatus();
		System.out.printf("count per status on %,d rows: %d ms%n", ROWS,
				Duration.ofNanos(System.nanoTime() - started).toMillis());
	}

	/** The recorded SQL with its parameters filled in from the page's query. */
	private static String bind(String sql, String query) {
		Map<String, String> values = new java.util.LinkedHashMap<>();
		for (String pair : query.split("&")) {
			if (!pair.isEmpty()) {
				values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
			}
		}
		List<String> args = new ArrayList<>();
		if (values.containsKey("position")) {
			args.add(values.get("position"));
		}
		if (values.containsKey("status")) {
			args.add("'" + values.get("status") + "'");
		}
		if (values.containsKey("type")) {
			args.add("'" + values.get("type") + "'");
		}
		if (values.containsKey("from")) {
			args.add("'" + values.get("from").replace('T', ' ') + "'");
		}
		if (values.containsKey("to")) {
			args.add("'" + values.get("to").replace('T', ' ') + "'");
		}
		if (values.containsKey("gid")) {
			args.add("'" + values.get("gid") + "%'");
		}
		String bound = sql;
		for (String arg : args) {
			bound = bound.replaceFirst("\\?", java.util.regex.Matcher.quoteReplacement(arg));
		}
		// the page size + 1 Hibernate passes as the limit
		return bound.replace("?", "51");
	}

	/** Keeps every SQL statement Hibernate prepares. */
	public static class Recorder implements StatementInspector {

		static final List<String> SQL = new CopyOnWriteArrayList<>();

		@Override
		public String inspect(String sql) {
			SQL.add(sql);
			return sql;
		}

	}

}
