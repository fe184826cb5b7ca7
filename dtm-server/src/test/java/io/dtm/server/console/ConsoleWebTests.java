package io.dtm.server.console;

import java.time.Duration;
import java.util.UUID;

import io.dtm.core.GlobalStatus;
import io.dtm.server.service.TopicService;
import io.dtm.server.store.AuditAction;
import io.dtm.server.store.AuditOutcome;
import io.dtm.server.store.AuditTrail;
import io.dtm.server.store.TransStore;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's access rules through the real security filter chain (H2 store): login
 * required, operators act, viewers and forged requests (no CSRF token) cannot, and dtm's
 * API stays open as before.
 */
@Tag("integration")
@SpringBootTest
@AutoConfigureMockMvc
class ConsoleWebTests {

	private static final String HASH = new BCryptPasswordEncoder(4).encode("pw-of-the-test");

	@Autowired
	MockMvc mvc;

	@Autowired
	TransStore store;

	@Autowired
	AuditTrail auditTrail;

	@Autowired
	TopicService topics;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
		registry.add("dtm.server.console.users[0].name", () -> "vera");
		registry.add("dtm.server.console.users[0].password", () -> HASH);
		registry.add("dtm.server.console.users[0].roles", () -> "VIEWER");
		registry.add("dtm.server.console.users[1].name", () -> "otto");
		registry.add("dtm.server.console.users[1].password", () -> "{bcrypt}" + HASH);
		registry.add("dtm.server.console.users[1].roles", () -> "OPERATOR");
	}

	@Test
	void whenNotLoggedInShouldSendEveryConsolePageToTheLoginPage() throws Exception {
		this.mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("**/login"));
		this.mvc.perform(get("/console/transactions"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("**/login"));
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
	}

	@Test
	void whenThePasswordIsWrongShouldRefuseTheLogin() throws Exception {
		this.mvc.perform(formLogin("/login").user("otto").password("wrong")).andExpect(redirectedUrl("/login?error"));
		this.mvc.perform(formLogin("/login").user("otto").password("pw-of-the-test"))
			.andExpect(redirectedUrl("/console/transactions"));
	}

	@Test
	void whenAnOperatorForceStopsShouldFailTheTransactionInTheStore() throws Exception {
		String gid = prepared();

		this.mvc
			.perform(post("/console/transaction/force-stop").param("gid", gid)
				.param("reason", "stuck on a retired service")
				.with(user("otto").roles("OPERATOR"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());

		assertThat(this.store.find(gid).orElseThrow().status()).isEqualTo(GlobalStatus.FAILED);
		assertThat(this.auditTrail.forGid(gid)).singleElement().satisfies((entry) -> {
			assertThat(entry.actor()).isEqualTo("otto");
			assertThat(entry.action()).isEqualTo(AuditAction.FORCE_STOP);
			assertThat(entry.outcome()).isEqualTo(AuditOutcome.DONE);
			assertThat(entry.reason()).isEqualTo("stuck on a retired service");
		});
	}

	@Test
	void whenAnActionIsRefusedShouldAuditItAsRefusedWithTheReason() throws Exception {
		String gid = prepared();
		this.mvc.perform(post("/console/transaction/force-stop").param("gid", gid)
			.param("reason", "first")
			.with(user("otto").roles("OPERATOR"))
			.with(csrf()));

		this.mvc
			.perform(post("/console/transaction/force-stop").param("gid", gid)
				.param("reason", "again")
				.with(user("otto").roles("OPERATOR"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("error", org.hamcrest.Matchers.containsString("Force stop refused")));
		this.mvc.perform(
				post("/console/transaction/retry").param("gid", gid).with(user("otto").roles("OPERATOR")).with(csrf()))
			.andExpect(status().is3xxRedirection());

		assertThat(this.auditTrail.forGid(gid))
			.extracting((e) -> e.action().wireValue() + ":" + e.outcome().wireValue() + ":" + e.reason())
			.containsExactly("retry_now:done:", "force_stop:refused:again", "force_stop:done:first");
		this.mvc.perform(get("/console/audit").with(user("vera").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString(gid)));
	}

	@Test
	void whenAViewerOrAForgedRequestActsShouldAnswer403AndChangeNothing() throws Exception {
		String gid = prepared();

		this.mvc
			.perform(post("/console/transaction/force-stop").param("gid", gid)
				.param("reason", "x")
				.with(user("vera").roles("VIEWER"))
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/console/transaction/force-stop").param("gid", gid)
				.param("reason", "x")
				.with(user("otto").roles("OPERATOR")))
			.andExpect(status().isForbidden());

		assertThat(this.store.find(gid).orElseThrow().status()).isEqualTo(GlobalStatus.PREPARED);
	}

	@Test
	void whenAForceStopHasNoReasonShouldChangeNothingAndAuditTheRefusal() throws Exception {
		String gid = prepared();

		this.mvc
			.perform(post("/console/transaction/force-stop").param("gid", gid)
				.param("reason", "  ")
				.with(user("otto").roles("OPERATOR"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("error", org.hamcrest.Matchers.containsString("needs a reason")));

		assertThat(this.store.find(gid).orElseThrow().status()).isEqualTo(GlobalStatus.PREPARED);
		assertThat(this.auditTrail.forGid(gid)).singleElement().satisfies((entry) -> {
			assertThat(entry.outcome()).isEqualTo(AuditOutcome.REFUSED);
			assertThat(entry.actor()).isEqualTo("otto");
			assertThat(entry.detail()).contains("needs a reason of 1 to 1024 characters");
		});
	}

	@Test
	void whenAViewerListsShouldSeeTheTransactionsAndNoActions() throws Exception {
		String gid = prepared();

		this.mvc.perform(get("/console/transactions").param("gid", gid).with(user("vera").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("data-gid=\"" + gid + "\"")));
		this.mvc.perform(get("/console/transaction").param("gid", gid).with(user("vera").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("force-stop"))));
		this.mvc.perform(get("/console/transactions").param("status", "done").with(user("vera").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("status &#39;done&#39; is not one of")));
	}

	@Test
	void whenAnOperatorManagesTopicsShouldChangeThemThroughTheTopicServiceAndAuditIt() throws Exception {
		String topic = "orders-" + UUID.randomUUID().toString().substring(0, 8);

		this.mvc
			.perform(post("/console/topics/subscribe").param("topic", topic)
				.param("url", "http://billing:8080/api/OrderPaid")
				.param("remark", "billing")
				.with(user("otto").roles("OPERATOR"))
				.with(csrf()))
			.andExpect(flash().attribute("notice", org.hamcrest.Matchers.startsWith("Subscribed")));
		this.mvc
			.perform(post("/console/topics/subscribe").param("topic", topic)
				.param("url", "http://mail:8080/api/OrderPaid")
				.with(user("vera").roles("VIEWER"))
				.with(csrf()))
			.andExpect(status().isForbidden());

		this.mvc.perform(get("/console/topics").with(user("vera").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("data-topic=\"" + topic + "\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("http://billing:8080/api/OrderPaid")))
			.andExpect(
					content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Unsubscribe"))));
		assertThat(this.topics.subscriberUrls("topic://" + topic)).containsExactly("http://billing:8080/api/OrderPaid");
		this.mvc.perform(
				post("/console/topics/delete").param("topic", topic).with(user("otto").roles("OPERATOR")).with(csrf()))
			.andExpect(flash().attribute("notice", "Deleted topic " + topic + "."));
		assertThat(this.auditTrail.forTarget(topic))
			.extracting((e) -> e.action().wireValue() + ":" + e.outcome().wireValue())
			.containsExactly("topic_delete:done", "topic_subscribe:done");
	}

	@Test
	void whenAViewerOpensTheHealthPageShouldSeeEveryLiveCheckAndTheStore() throws Exception {
		this.mvc.perform(get("/console/health").with(user("vera").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("data-check=\"store\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"overall\">ok<")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"store\">jpa<")));
	}

	@Test
	void whenOnlyTheAutoRefreshRanSinceTheTimeoutShouldEndTheSessionAndRedirectHtmxToTheLogin() throws Exception {
		MockHttpSession idle = new MockHttpSession();
		idle.setAttribute(ConsoleIdleTimeout.LAST_ACTIVITY,
				System.currentTimeMillis() - Duration.ofHours(2).toMillis());

		this.mvc
			.perform(get("/console/transactions/rows").session(idle)
				.header("HX-Request", "true")
				.with(user("vera").roles("VIEWER")))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("HX-Redirect", "/login"));
		assertThat(idle.isInvalid()).isTrue();

		MockHttpSession active = new MockHttpSession();
		active.setAttribute(ConsoleIdleTimeout.LAST_ACTIVITY, System.currentTimeMillis());
		this.mvc
			.perform(get("/console/transactions/rows").session(active)
				.header("HX-Request", "true")
				.with(user("vera").roles("VIEWER")))
			.andExpect(status().isOk());
		this.mvc.perform(get("/console/transactions/rows").header("HX-Request", "true"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("HX-Redirect", "/login"));
	}

	@Test
	void whenDtmClientsCallTheApiShouldNeedNoLogin() throws Exception {
		this.mvc.perform(get("/api/dtmsvr/newGid")).andExpect(status().isOk());
		this.mvc.perform(get("/api/ping")).andExpect(status().isOk());
		this.mvc
			.perform(post("/api/dtmsvr/prepare").contentType(MediaType.APPLICATION_JSON)
				.content("{\"gid\":\"api-" + UUID.randomUUID()
						+ "\",\"trans_type\":\"msg\",\"steps\":[],\"payloads\":[],"
						+ "\"query_prepared\":\"http://127.0.0.1:1/q\"}"))
			.andExpect(status().isOk());
	}

	private String prepared() throws Exception {
		String gid = "console-" + UUID.randomUUID();
		this.mvc
			.perform(post("/api/dtmsvr/prepare").contentType(MediaType.APPLICATION_JSON)
				.content("{\"gid\":\"" + gid
						+ "\",\"trans_type\":\"msg\",\"steps\":[{\"action\":\"http://127.0.0.1:1/a\"}],"
						+ "\"payloads\":[\"{}\"],\"query_prepared\":\"http://127.0.0.1:1/q\"}"))
			.andExpect(status().isOk());
		return gid;
	}

}
