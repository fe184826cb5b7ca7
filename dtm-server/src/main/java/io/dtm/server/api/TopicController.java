package io.dtm.server.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.core.DtmResult;
import io.dtm.server.api.openapi.ApiAnswers;
import io.dtm.server.service.TopicService;
import io.dtm.server.store.KvPage;
import io.dtm.server.store.TransStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "topics",
		description = "Topics a msg step `topic://<name>` delivers to, and the KV rows they are " + "stored in.")
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
	@Operation(summary = "Add a subscriber to a topic", description = "Adds `url` to the topic, creating the topic "
			+ "on first use. Stored as the KV row `cat=topics`, `k=<topic>`, `v=[{\"url\",\"remark\"},...]`, "
			+ "version +1 per change. Messages created later call every subscriber; messages already created are "
			+ "not changed.")
	@ApiResponse(responseCode = "200", description = "Subscribed.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.Success.class)))
	@ApiResponse(responseCode = "400",
			description = "A missing or over-long topic (`topic name is missing or "
					+ "longer than 128 characters`), `url is missing`, or subscribers that would not fit dtm's `kv.v` "
					+ "column (65535 bytes).")
	@ApiResponse(responseCode = "409", description = "`topic 'T' already has subscriber U` (dtm answers 500).")
	Map<String, Object> subscribe(@Parameter(description = "The topic's name.") @RequestParam("topic") String topic,
			@Parameter(
					description = "The subscriber's URL, called like a msg step's `action`.") @RequestParam("url") String url,
			@Parameter(description = "Free text kept with the subscriber.") @RequestParam(name = "remark",
					defaultValue = "") String remark) {
		this.topics.subscribe(topic, url, remark);
		return SUCCESS;
	}

	/** Remove a subscriber URL from a topic. */
	@GetMapping("/unsubscribe")
	@Operation(summary = "Remove a subscriber from a topic",
			description = "As in dtm the topic stays when its "
					+ "last subscriber leaves (`v` is then `[]`) until it is deleted.")
	@ApiResponse(responseCode = "200", description = "Unsubscribed.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.Success.class)))
	@ApiResponse(responseCode = "400", description = "A missing parameter.")
	@ApiResponse(responseCode = "404",
			description = "Only with `dtm.server.strict.client-errors`: an unknown " + "topic or subscriber.")
	@ApiResponse(responseCode = "500", description = "`topic 'T' not found`, `topic 'T' has no subscriber U`, the "
			+ "store refused a statement (`code`), or any other error.")
	Map<String, Object> unsubscribe(@Parameter(description = "The topic's name.") @RequestParam("topic") String topic,
			@Parameter(description = "The subscriber's URL, as subscribed.") @RequestParam("url") String url) {
		this.topics.unsubscribe(topic, url);
		return SUCCESS;
	}

	/** Delete a topic. */
	@DeleteMapping("/topic/{topicName}")
	@Operation(summary = "Delete a topic", description = "Deletes the topic and its subscribers. An operator call.")
	@ApiResponse(responseCode = "200", description = "Deleted.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.Success.class)))
	@ApiResponse(responseCode = "404",
			description = "Only with `dtm.server.strict.client-errors`: an unknown " + "topic.")
	@ApiResponse(responseCode = "500",
			description = "`topic 'T' not found`, the store refused a statement " + "(`code`), or any other error.")
	Map<String, Object> deleteTopic(
			@Parameter(description = "The topic's name, URL-encoded.") @PathVariable("topicName") String topicName) {
		this.topics.delete(topicName);
		return SUCCESS;
	}

	/**
	 * KV rows of one category, paged by position; without {@code cat} the category is the
	 * empty one (as dtm), and a limit above 10000 is clamped.
	 */
	@GetMapping("/scanKV")
	@Operation(summary = "Page through the KV rows of a category",
			description = "In insertion order; " + "`cat=topics` lists the topics. An operator call.")
	@ApiResponse(responseCode = "200", description = "A page of rows.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.KvPage.class)))
	@ApiResponse(responseCode = "400", description = "`limit must be positive (got 0)`, `position 'x' is not a "
			+ "position from next_position`, or a `limit` that is not a number.")
	Map<String, Object> scanKv(
			@Parameter(description = "The category; absent: the empty category, as dtm.") @RequestParam(name = "cat",
					defaultValue = "") String cat,
			@Parameter(
					description = "The `next_position` of the previous page; absent or empty for the first page.") @RequestParam(
							name = "position", required = false) String position,
			@Parameter(description = "Page size; positive, above 10000 it is clamped to 10000.") @RequestParam(
					name = "limit", defaultValue = "100") int limit) {
		KvPage page = this.store.scanKv(cat, TransController.parsePosition(position), TransController.pageLimit(limit));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("kv", page.records().stream().map(this.views::kv).toList());
		body.put("next_position", page.nextPosition());
		return body;
	}

	/** One KV row, as a list of zero or one. */
	@GetMapping("/queryKV")
	@Operation(summary = "One KV row",
			description = "The row of a category and key, as a list of zero or one. " + "An operator call.")
	@ApiResponse(responseCode = "200", description = "The row, if there is one.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.KvLookup.class)))
	@ApiResponse(responseCode = "400", description = "A missing parameter.")
	Map<String, Object> queryKv(@Parameter(description = "The category.") @RequestParam("cat") String cat,
			@Parameter(description = "The key (`k`).") @RequestParam("key") String key) {
		return Map.of("kv", this.store.findKv(cat, key).map(this.views::kv).stream().toList());
	}

}
