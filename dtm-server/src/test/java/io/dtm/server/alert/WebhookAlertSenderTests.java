package io.dtm.server.alert;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.GlobalStatus;
import io.dtm.server.engine.RetryAlert;
import io.dtm.server.testsupport.ScriptedParticipant;
import io.dtm.server.testsupport.ScriptedParticipant.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WebhookAlertSender} against a real HTTP receiver on loopback: dtm's
 * body, and every result counted in {@code dtm.alert} without the caller waiting.
 */
class WebhookAlertSenderTests {

	private static final RetryAlert ALERT = new RetryAlert("g-1", GlobalStatus.SUBMITTED, "http://p/TransOut",
			"action 01 http://p/TransOut: HTTP 500", 3);

	private final ScriptedParticipant receiver = ScriptedParticipant.start();

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private WebhookAlertSender sender;

	@AfterEach
	void close() {
		if (this.sender != null) {
			this.sender.close();
		}
		this.receiver.close();
	}

	private WebhookAlertSender sender(String url, Duration timeout, ExecutorService executor) {
		this.sender = new WebhookAlertSender(URI.create(url), timeout, new ObjectMapper(), executor, this.registry);
		return this.sender;
	}

	private double count(String result) {
		return this.registry.get("dtm.alert").tag("result", result).counter().count();
	}

	@Test
	void whenTheReceiverAnswers200ShouldPostDtmsFieldsAndCountSent() throws Exception {
		sender(this.receiver.url("/hook"), Duration.ofSeconds(2), WebhookAlertSender.boundedExecutor()).send(ALERT);

		await().atMost(Duration.ofSeconds(5)).until(() -> count("sent") == 1);
		ScriptedParticipant.Call call = this.receiver.calls().get(0);
		assertThat(call.method()).isEqualTo("POST");
		assertThat(call.headers()).containsEntry("content-type", "application/json");
		assertThat(new ObjectMapper().readTree(call.body())).isEqualTo(new ObjectMapper()
			.readTree("{\"gid\":\"g-1\",\"status\":\"submitted\",\"branch\":\"http://p/TransOut\","
					+ "\"error\":\"action 01 http://p/TransOut: HTTP 500\",\"retry_count\":3}"));
		assertThat(count("failed")).isZero();
		assertThat(count("dropped")).isZero();
	}

	@Test
	void whenTheReceiverAnswersAnErrorStatusShouldCountFailed() {
		this.receiver.always("/hook", Reply.error());

		sender(this.receiver.url("/hook"), Duration.ofSeconds(2), WebhookAlertSender.boundedExecutor()).send(ALERT);

		await().atMost(Duration.ofSeconds(5)).until(() -> count("failed") == 1);
		assertThat(count("sent")).isZero();
	}

	@Test
	void whenTheReceiverHangsSendShouldReturnAtOnceAndThePostTimeOut() {
		this.receiver.always("/hook", Reply.slow(Duration.ofSeconds(3)));
		WebhookAlertSender hanging = sender(this.receiver.url("/hook"), Duration.ofMillis(300),
				WebhookAlertSender.boundedExecutor());

		long started = System.nanoTime();
		hanging.send(ALERT);
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

		assertThat(tookMillis).as("send hands over without waiting for the receiver").isLessThan(200);
		await().atMost(Duration.ofSeconds(2)).until(() -> count("failed") == 1);
		assertThat(count("sent")).isZero();
	}

	@Test
	void whenNothingListensShouldCountFailed() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}

		sender("http://127.0.0.1:" + port + "/hook", Duration.ofSeconds(1), WebhookAlertSender.boundedExecutor())
			.send(ALERT);

		await().atMost(Duration.ofSeconds(5)).until(() -> count("failed") == 1);
	}

	@Test
	void whenTheQueueIsFullFurtherAlertsShouldBeDroppedAndCounted() {
		this.receiver.always("/hook", Reply.slow(Duration.ofMillis(500)));
		WebhookAlertSender small = sender(this.receiver.url("/hook"), Duration.ofSeconds(2),
				WebhookAlertSender.boundedExecutor(1, 1));

		for (int i = 0; i < 4; i++) {
			small.send(ALERT);
		}

		assertThat(count("dropped")).as("one in flight, one queued").isEqualTo(2);
		await().atMost(Duration.ofSeconds(5)).until(() -> count("sent") == 2);
	}

}
