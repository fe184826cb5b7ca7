package io.dtm.server.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ScriptedParticipant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.awaitility.Awaitility.await;

/**
 * Shared set-up of the protocol tests: a real coordinator on a random port, a real
 * scripted participant, and helpers that build dtm request bodies. Every test uses its
 * own gid and puts it in the participant paths, so scripts never leak between tests.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ProtocolTestSupport {

	static final ObjectMapper JSON = new ObjectMapper();

	static ScriptedParticipant participant;

	@LocalServerPort
	int port;

	DtmHttp dtm;

	@BeforeAll
	static void startParticipant() {
		participant = ScriptedParticipant.start();
	}

	@AfterAll
	static void stopParticipant() {
		participant.close();
	}

	@BeforeEach
	void client() {
		this.dtm = new DtmHttp(this.port);
	}

	static String gid(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** URL of a participant path unique to the gid. */
	static String url(String gid, String path) {
		return participant.url("/" + gid + path);
	}

	/**
	 * Compact trace of the gid's calls without the gid path prefix, e.g.
	 * {@code /TransOut@action}.
	 */
	static List<String> trace(String gid) {
		return participant.trace(gid).stream().map((call) -> call.substring(gid.length() + 1)).toList();
	}

	static List<ScriptedParticipant.Call> callsTo(String gid, String path) {
		return participant.calls(gid).stream().filter((call) -> call.path().equals("/" + gid + path)).toList();
	}

	static void script(String gid, String path, ScriptedParticipant.Reply... replies) {
		participant.script("/" + gid + path, replies);
	}

	static void always(String gid, String path, ScriptedParticipant.Reply reply) {
		participant.always("/" + gid + path, reply);
	}

	/** A saga body with TransOut/TransIn steps and the given extra fields. */
	static Map<String, Object> transfer(String gid, Object... extra) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("gid", gid);
		body.put("trans_type", "saga");
		body.put("steps", List.of(Map.of("action", url(gid, "/TransOut"), "compensate", url(gid, "/TransOutRevert")),
				Map.of("action", url(gid, "/TransIn"), "compensate", url(gid, "/TransInRevert"))));
		body.put("payloads", List.of("{\"amount\":30}", "{\"amount\":30}"));
		put(body, extra);
		return body;
	}

	/** A msg body with the given action paths. */
	static Map<String, Object> msg(String gid, List<String> actions, Object... extra) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("gid", gid);
		body.put("trans_type", "msg");
		List<Map<String, String>> steps = new ArrayList<>();
		List<String> payloads = new ArrayList<>();
		for (String action : actions) {
			steps.add(Map.of("action", url(gid, action)));
			payloads.add("{\"step\":\"" + action + "\"}");
		}
		body.put("steps", steps);
		body.put("payloads", payloads);
		body.put("query_prepared", url(gid, "/QueryPrepared"));
		put(body, extra);
		return body;
	}

	static Map<String, Object> body(Object... fields) {
		Map<String, Object> body = new LinkedHashMap<>();
		put(body, fields);
		return body;
	}

	private static void put(Map<String, Object> body, Object... extra) {
		for (int i = 0; i < extra.length; i += 2) {
			body.put((String) extra[i], extra[i + 1]);
		}
	}

	DtmHttp.Reply post(String endpoint, Map<String, Object> body) {
		try {
			return this.dtm.post("/api/dtmsvr/" + endpoint, JSON.writeValueAsString(body));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	JsonNode query(String gid) {
		return this.dtm.get("/api/dtmsvr/query?gid=" + gid).json();
	}

	void awaitStatus(String gid, String status, Duration atMost) {
		await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> status.equals(this.dtm.status(gid)));
	}

}
