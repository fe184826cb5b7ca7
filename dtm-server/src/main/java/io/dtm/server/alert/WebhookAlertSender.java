package io.dtm.server.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.engine.AlertSender;
import io.dtm.server.engine.RetryAlert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts retry alerts to the webhook as dtm does: a JSON object with {@code gid},
 * {@code status}, {@code branch}, {@code error} and {@code retry_count}. Posts run on a
 * small executor of their own with a bounded queue, each with a timeout, so a slow or
 * hanging receiver never delays a processing pass; when the queue is full the alert is
 * dropped. Every alert is counted in {@code dtm_alert_total} by result: {@code sent} (a
 * 2xx answer), {@code failed} (no answer in time, a connection error or another status)
 * or {@code dropped}. Failures are logged in one line, without a stack trace.
 */
public class WebhookAlertSender implements AlertSender, AutoCloseable {

	/** Posts in flight at most. */
	static final int THREADS = 2;

	/** Alerts waiting for a free thread at most; more are dropped. */
	static final int QUEUE_CAPACITY = 100;

	private static final Logger logger = LoggerFactory.getLogger(WebhookAlertSender.class);

	private final HttpClient client;

	private final URI webhook;

	private final Duration timeout;

	private final ObjectMapper objectMapper;

	private final ExecutorService executor;

	private final Counter sent;

	private final Counter failed;

	private final Counter dropped;

	/**
	 * Create a sender.
	 * @param webhook where alerts are posted
	 * @param timeout timeout of one post, connecting included
	 * @param objectMapper writes the JSON body
	 * @param executor runs the posts; it should reject work when full rather than block
	 * @param registry where {@code dtm_alert_total} is counted
	 */
	public WebhookAlertSender(URI webhook, Duration timeout, ObjectMapper objectMapper, ExecutorService executor,
			MeterRegistry registry) {
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.webhook = webhook;
		this.timeout = timeout;
		this.objectMapper = objectMapper;
		this.executor = executor;
		this.sent = counter(registry, "sent");
		this.failed = counter(registry, "failed");
		this.dropped = counter(registry, "dropped");
	}

	/**
	 * The executor the coordinator posts alerts on: {@link #THREADS} daemon threads named
	 * {@code dtm-alert-N} and a queue of {@link #QUEUE_CAPACITY}.
	 * @return the executor
	 */
	public static ExecutorService boundedExecutor() {
		return boundedExecutor(THREADS, QUEUE_CAPACITY);
	}

	static ExecutorService boundedExecutor(int threads, int queueCapacity) {
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(queueCapacity), (runnable) -> {
					Thread thread = new Thread(runnable, "dtm-alert-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.AbortPolicy());
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	private static Counter counter(MeterRegistry registry, String result) {
		return Counter.builder("dtm.alert")
			.description("Alert webhook posts by result: sent (2xx answer), failed (no answer in time, "
					+ "connection error or other status), dropped (queue full)")
			.tag("result", result)
			.register(registry);
	}

	@Override
	public void send(RetryAlert alert) {
		try {
			this.executor.execute(() -> post(alert));
		}
		catch (RejectedExecutionException ex) {
			this.dropped.increment();
			logger.warn("alert webhook queue full: alert for gid={} (retry_count {}) dropped", alert.gid(),
					alert.retryCount());
		}
	}

	private void post(RetryAlert alert) {
		try {
			HttpRequest request = HttpRequest.newBuilder(this.webhook)
				.timeout(this.timeout)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body(alert)))
				.build();
			int status = this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status / 100 == 2) {
				this.sent.increment();
				logger.info("alert for gid={} (retry_count {}) posted to {}", alert.gid(), alert.retryCount(),
						this.webhook);
			}
			else {
				this.failed.increment();
				logger.warn("alert webhook {} answered {} to the alert for gid={}", this.webhook, status, alert.gid());
			}
		}
		catch (IOException | RuntimeException ex) {
			this.failed.increment();
			logger.warn("alert webhook {} failed for gid={}: {}", this.webhook, alert.gid(), ex.toString());
		}
		catch (InterruptedException ex) {
			this.failed.increment();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The JSON body dtm posts.
	 * @param alert the alert
	 * @return the body
	 * @throws JsonProcessingException when it cannot be written
	 */
	byte[] body(RetryAlert alert) throws JsonProcessingException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("gid", alert.gid());
		body.put("status", alert.status().wireValue());
		body.put("branch", alert.branch());
		body.put("error", alert.error());
		body.put("retry_count", alert.retryCount());
		return this.objectMapper.writeValueAsBytes(body);
	}

	/**
	 * Stop posting: alerts still queued are dropped, posts in flight are interrupted.
	 */
	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
