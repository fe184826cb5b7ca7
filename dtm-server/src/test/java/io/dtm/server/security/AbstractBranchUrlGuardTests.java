package io.dtm.server.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.dtm.core.GlobalStatus;
import io.dtm.server.engine.BranchCallResult;
import io.dtm.server.engine.ServiceUrlResolver;
import io.dtm.server.engine.UrlResolver;
import io.dtm.server.service.TopicService;
import io.dtm.server.store.BranchCallLog;
import io.dtm.server.store.TransStore;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ScriptedParticipant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The branch URL guard on a running coordinator with {@code allow: 127.0.0.1, test://*}
 * and {@code deny: 127.0.0.2}: URLs refused at the API write nothing, and a service URL
 * allowed at submit whose instance turns out to be a denied address is not called.
 * Targets are loopback addresses only; the participant listens on every address, so a
 * call to 127.0.0.2 would reach it (the participant serves every subclass and stops with
 * the JVM). Subclasses bind the suite to a store.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AbstractBranchUrlGuardTests.ReboundDiscovery.class)
abstract class AbstractBranchUrlGuardTests {

	static final ScriptedParticipant PARTICIPANT = ScriptedParticipant.start("0.0.0.0");

	@LocalServerPort
	int port;

	@Autowired
	TransStore store;

	@Autowired
	BranchCallLog callLog;

	private DtmHttp http;

	private String gid;

	static void guardRules(DynamicPropertyRegistry registry) {
		registry.add("dtm.server.security.branch-urls.allow[0]", () -> "127.0.0.1");
		registry.add("dtm.server.security.branch-urls.allow[1]", () -> "test://*");
		registry.add("dtm.server.security.branch-urls.deny[0]", () -> "127.0.0.2");
		registry.add("dtm.server.retry-interval", () -> "60s");
	}

	@BeforeEach
	void setUp() {
		this.http = new DtmHttp(this.port);
		this.gid = "guard-" + UUID.randomUUID().toString().substring(0, 12);
	}

	@Test
	void whenASagaStepIsADeniedAddressShouldAnswer400NamingTheRuleAndWriteNothing() {
		DtmHttp.Reply reply = this.http.post("/api/dtmsvr/submit", saga(denied("/TransOut")));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.body()).contains("steps[0].action")
			.contains(denied("/TransOut"))
			.contains("matches rule '127.0.0.2' of dtm.server.security.branch-urls.deny");
		assertThat(this.store.find(this.gid)).isEmpty();
	}

	@Test
	void whenAStepMatchesNoAllowRuleShouldAnswer400AndWriteNothing() {
		DtmHttp.Reply reply = this.http.post("/api/dtmsvr/submit", saga("http://127.0.0.3:9/TransOut"));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.body()).contains("matches no rule of dtm.server.security.branch-urls.allow");
		assertThat(this.store.find(this.gid)).isEmpty();
	}

	@Test
	void whenAMsgQueryPreparedIsAMetadataAddressShouldAnswer400AndWriteNothing() {
		DtmHttp.Reply reply = this.http.post("/api/dtmsvr/prepare", """
				{"gid":"%s","trans_type":"msg","steps":[{"action":"%s"}],"payloads":["{}"],
				"query_prepared":"http://169.254.169.254/latest/meta-data/"}""".formatted(this.gid,
				PARTICIPANT.url("/TransIn")));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.body()).contains("query_prepared").contains("link-local or cloud metadata");
		assertThat(this.store.find(this.gid)).isEmpty();
	}

	@Test
	void whenATccBranchIsADeniedAddressShouldAnswer400AndRegisterNothing() {
		assertThat(this.http.post("/api/dtmsvr/prepare", """
				{"gid":"%s","trans_type":"tcc"}""".formatted(this.gid)).status()).isEqualTo(200);

		DtmHttp.Reply reply = this.http.post("/api/dtmsvr/registerBranch", """
				{"gid":"%s","trans_type":"tcc","branch_id":"01","confirm":"%s","cancel":"%s","data":"{}"}"""
			.formatted(this.gid, denied("/Confirm"), PARTICIPANT.url("/Cancel")));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.body()).contains("confirm").contains("127.0.0.2");
		assertThat(this.store.findBranches(this.gid)).isEmpty();
	}

	@Test
	void whenATopicSubscriberIsADeniedAddressShouldAnswer400AndCreateNoTopic() {
		String topic = "guard-topic-" + this.gid;

		DtmHttp.Reply reply = this.http.get("/api/dtmsvr/subscribe?topic=" + topic + "&url="
				+ java.net.URLEncoder.encode(denied("/Paid"), java.nio.charset.StandardCharsets.UTF_8) + "&remark=x");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.body()).contains("subscriber url").contains("127.0.0.2");
		assertThat(this.store.findKv(TopicService.CATEGORY, topic)).isEmpty();
	}

	@Test
	void whenAServiceUrlResolvesToADeniedAddressShouldNotCallItAndRecordWhy() {
		DtmHttp.Reply reply = this.http.post("/api/dtmsvr/submit", saga("test://rebound/TransOut"));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);

		Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !this.callLog.find(this.gid).isEmpty());

		assertThat(this.callLog.find(this.gid)).singleElement().satisfies((record) -> {
			assertThat(record.lastCode()).isEqualTo(BranchCallResult.URL_DENIED);
			assertThat(record.lastError()).contains("127.0.0.2").contains("deny");
		});
		assertThat(PARTICIPANT.calls(this.gid)).as("no call reached the participant").isEmpty();
		assertThat(this.store.find(this.gid).orElseThrow().status()).isEqualTo(GlobalStatus.SUBMITTED);
	}

	@Test
	void whenTheStepIsAnAllowedAddressShouldCallIt() {
		DtmHttp.Reply reply = this.http.post("/api/dtmsvr/submit",
				saga(PARTICIPANT.url("/TransOut")).replace("\"payloads\"", "\"wait_result\":true,\"payloads\""));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(this.store.find(this.gid).orElseThrow().status()).isEqualTo(GlobalStatus.SUCCEED);
		assertThat(PARTICIPANT.calls(this.gid)).extracting(ScriptedParticipant.Call::path).contains("/TransOut");
	}

	private String saga(String action) {
		return """
				{"gid":"%s","trans_type":"saga","steps":[{"action":"%s","compensate":"%s"}],"payloads":["{}"]}"""
			.formatted(this.gid, action, PARTICIPANT.url("/TransOutRevert"));
	}

	private static String denied(String path) {
		return "http://127.0.0.2:" + PARTICIPANT.port() + path;
	}

	/**
	 * Discovery for the scheme {@code test}: {@code test://<name>/path} resolves to the
	 * participant on the denied 127.0.0.2; http URLs pass through as usual.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ReboundDiscovery {

		@Bean
		UrlResolver urlResolver() {
			return UrlResolver.withServices(List.of(new ServiceUrlResolver() {

				@Override
				public boolean supports(URI url) {
					return "test".equals(url.getScheme());
				}

				@Override
				public URI resolve(URI url) {
					return URI.create("http://127.0.0.2:" + PARTICIPANT.port() + url.getRawPath());
				}

			}));
		}

	}

}
