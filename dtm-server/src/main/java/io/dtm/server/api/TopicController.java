package io.dtm.server.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.core.DtmResult;
import io.dtm.server.service.TopicService;
import io.dtm.server.store.KvPage;
import io.dtm.server.store.TransStore;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * dtm's topic and KV endpoints: {@code subscribe}, {@code unsubscribe}, {@code DELETE
 * /topic/{name}}, {@code scanKV} and {@code queryKV}.
 */
@RestController
@RequestMapping("/api/dtmsvr")
public class TopicController {

	private static final Map<String, Object> SUCCESS = Map.of("dtm_result", DtmResult.SUCCESS.wireValue());

	private final TopicService topics;

	private final TransStore store;

	private final ViewMapper views;

	TopicController(TopicService topics, TransStore store, ViewMapper views) {
		this.topics = topics;
		this.store = store;
		this.views = views;
	}

	/**
	 * Add a subscriber URL to a topic (created on first use); a duplicate URL is refused.
	 */
	@GetMapping("/subscribe")
	Map<String, Object> subscribe(@RequestParam("topic") String topic, @RequestParam("url") String url,
			@RequestParam(name = "remark", defaultValue = "") String remark) {
		this.topics.subscribe(topic, url, remark);
		return SUCCESS;
	}

	/** Remove a subscriber URL from a topic. */
	@GetMapping("/unsubscribe")
	Map<String, Object> unsubscribe(@RequestParam("topic") String topic, @RequestParam("url") String url) {
		this.topics.unsubscribe(topic, url);
		return SUCCESS;
	}

	/** Delete a topic. */
	@DeleteMapping("/topic/{topicName}")
	Map<String, Object> deleteTopic(@PathVariable("topicName") String topicName) {
		this.topics.delete(topicName);
		return SUCCESS;
	}

	/**
	 * KV rows of one category, paged by position; without {@code cat} the category is the
	 * empty one (as dtm), and a limit above 10000 is clamped.
	 */
	@GetMapping("/scanKV")
	Map<String, Object> scanKv(@RequestParam(name = "cat", defaultValue = "") String cat,
			@RequestParam(name = "position", required = false) String position,
			@RequestParam(name = "limit", defaultValue = "100") int limit) {
		KvPage page = this.store.scanKv(cat, TransController.parsePosition(position), TransController.pageLimit(limit));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("kv", page.records().stream().map(this.views::kv).toList());
		body.put("next_position", page.nextPosition());
		return body;
	}

	/** One KV row, as a list of zero or one. */
	@GetMapping("/queryKV")
	Map<String, Object> queryKv(@RequestParam("cat") String cat, @RequestParam("key") String key) {
		return Map.of("kv", this.store.findKv(cat, key).map(this.views::kv).stream().toList());
	}

}
