package io.dtm.server.service;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.engine.BranchUrlGuard;
import io.dtm.server.engine.GrpcTarget;
import io.dtm.server.engine.Schedule;
import io.dtm.server.store.KvPage;
import io.dtm.server.store.KvRecord;
import io.dtm.server.store.TransStore;

/**
 * Msg topics as dtm keeps them: a KV row with {@code cat="topics"}, {@code k=<topic>} and
 * {@code v} a JSON array of {@code {"url","remark"}}. Changes are optimistic
 * (version-checked) and retried on a concurrent change.
 */
public class TopicService {

	/** KV category of topics. */
	public static final String CATEGORY = "topics";

	/** URL prefix of a msg step that fans out to a topic's subscribers. */
	public static final String TOPIC_SCHEME = "topic://";

	/** Size of dtm's kv.v column (MySQL TEXT). */
	static final int MAX_VALUE_BYTES = 65_535;

	private static final int ATTEMPTS = 5;

	private final TransStore store;

	private final ObjectMapper objectMapper;

	private final Schedule schedule;

	private final BranchUrlGuard guard;

	public TopicService(TransStore store, ObjectMapper objectMapper, Schedule schedule) {
		this(store, objectMapper, schedule, BranchUrlGuard.permissive());
	}

	/**
	 * The topic service.
	 * @param store the store
	 * @param objectMapper reads and writes the subscriber lists
	 * @param schedule the clock
	 * @param guard which subscriber URLs may be called
	 */
	public TopicService(TransStore store, ObjectMapper objectMapper, Schedule schedule, BranchUrlGuard guard) {
		this.store = store;
		this.objectMapper = objectMapper;
		this.schedule = schedule;
		this.guard = guard;
	}

	/**
	 * Add a subscriber, creating the topic when needed. As in dtm the URL is any
	 * non-empty text (a gRPC target too); a msg step then calls it like any branch URL. A
	 * URL the branch URL guard refuses is refused here (400), before anything is written.
	 * @param topic topic name
	 * @param url subscriber URL
	 * @param remark free text
	 */
	public void subscribe(String topic, String url, String remark) {
		checkName(topic);
		if (url == null || url.isEmpty()) {
			throw new DtmApiException.BadRequest("url is missing");
		}
		this.guard.refusal(url, url.contains("://") ? "http" : GrpcTarget.PROTOCOL).ifPresent((why) -> {
			throw new DtmApiException.BadRequest("subscriber url '" + url + "' is refused: " + why);
		});
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Optional<KvRecord> current = this.store.findKv(CATEGORY, topic);
			List<Subscriber> subscribers = current.map(this::read).orElseGet(ArrayList::new);
			if (subscribers.stream().anyMatch((s) -> s.url().equals(url))) {
				throw new DtmApiException.Conflict("topic '" + topic + "' already has subscriber " + url);
			}
			subscribers.add(new Subscriber(url, (remark != null) ? remark : ""));
			if (write(topic, current, subscribers)) {
				return;
			}
		}
		throw new DtmApiException.Failed("topic '" + topic + "' changed concurrently; try again");
	}

	/**
	 * Remove a subscriber; as in dtm the topic stays (empty, its version bumped) when the
	 * last one leaves.
	 * @param topic topic name
	 * @param url subscriber URL
	 */
	public void unsubscribe(String topic, String url) {
		checkName(topic);
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			KvRecord current = this.store.findKv(CATEGORY, topic)
				.orElseThrow(() -> DtmApiException.ClientError.notFound("topic '" + topic + "' not found"));
			List<Subscriber> subscribers = read(current);
			if (!subscribers.removeIf((s) -> s.url().equals(url))) {
				throw DtmApiException.ClientError.notFound("topic '" + topic + "' has no subscriber " + url);
			}
			if (write(topic, Optional.of(current), subscribers)) {
				return;
			}
		}
		throw new DtmApiException.Failed("topic '" + topic + "' changed concurrently; try again");
	}

	/**
	 * Delete a topic.
	 * @param topic topic name
	 */
	public void delete(String topic) {
		checkName(topic);
		if (!this.store.deleteKv(CATEGORY, topic)) {
			throw DtmApiException.ClientError.notFound("topic '" + topic + "' not found");
		}
	}

	/**
	 * The subscriber URLs of a topic named by a {@code topic://name} step URL.
	 * @param topicUrl the step URL
	 * @return the URLs in subscription order
	 * @throws DtmApiException.Failed "topic not found" (dtm's 500) when the topic does
	 * not exist or has no subscribers
	 */
	public List<String> subscriberUrls(String topicUrl) {
		String topic = topicUrl.substring(TOPIC_SCHEME.length());
		List<String> urls = this.store.findKv(CATEGORY, topic)
			.map(this::read)
			.orElseGet(List::of)
			.stream()
			.map(Subscriber::url)
			.toList();
		if (urls.isEmpty()) {
			throw DtmApiException.ClientError.notFound("topic not found");
		}
		return urls;
	}

	/**
	 * A page of topics with their subscribers, in creation order.
	 * @param position exclusive lower row id from the previous page, or {@code null}
	 * @param limit page size
	 * @return the topics and the next position (empty on the last page)
	 */
	public TopicPage topics(Long position, int limit) {
		KvPage page = this.store.scanKv(CATEGORY, position, limit);
		List<Topic> topics = page.records()
			.stream()
			.map((record) -> new Topic(record.key(), List.copyOf(read(record)), record.version()))
			.toList();
		return new TopicPage(topics, page.nextPosition());
	}

	private boolean write(String topic, Optional<KvRecord> current, List<Subscriber> subscribers) {
		String json;
		try {
			json = this.objectMapper.writeValueAsString(subscribers);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		int bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
		if (bytes > MAX_VALUE_BYTES) {
			throw new DtmApiException.BadRequest("topic '" + topic + "' would hold " + bytes
					+ " bytes of subscribers; at most " + MAX_VALUE_BYTES + " fit (the kv.v column)");
		}
		LocalDateTime now = this.schedule.now();
		return current.isPresent() ? this.store.updateKv(CATEGORY, topic, json, current.get().version(), now)
				: this.store.createKv(CATEGORY, topic, json, now);
	}

	private List<Subscriber> read(KvRecord record) {
		try {
			return new ArrayList<>(this.objectMapper.readValue(record.value(), new TypeReference<List<Subscriber>>() {
			}));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("topic '" + record.key() + "' holds invalid JSON: " + record.value(), ex);
		}
	}

	/**
	 * A topic and its subscribers.
	 *
	 * @param name the topic name
	 * @param subscribers the subscribers in subscription order
	 * @param version the stored version (bumped by every change)
	 */
	public record Topic(String name, List<Subscriber> subscribers, long version) {

	}

	/**
	 * A page of topics.
	 *
	 * @param topics the topics
	 * @param nextPosition the position of the next page, empty on the last one
	 */
	public record TopicPage(List<Topic> topics, String nextPosition) {

	}

	private static void checkName(String topic) {
		if (topic == null || topic.isBlank() || topic.length() > 128) {
			throw new DtmApiException.BadRequest("topic name is missing or longer than 128 characters");
		}
	}

	/**
	 * One subscriber as stored in the topic's JSON.
	 *
	 * @param url subscriber URL
	 * @param remark free text
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Subscriber(@JsonProperty("url") String url, @JsonProperty("remark") String remark) {

	}

}
