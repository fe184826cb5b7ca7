package io.dtm.server.api;

import java.util.Map;

import io.dtm.server.store.TransStore;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Quick checks: {@code /api/ping} as dtm (no store access), {@code /api/health} answering
 * {@code {"result":"success"}} only when the store answers.
 */
@RestController
@RequestMapping("/api")
public class PingController {

	private final TransStore store;

	PingController(TransStore store) {
		this.store = store;
	}

	/** Liveness as dtm answers it. */
	@RequestMapping("/ping")
	Map<String, Object> ping() {
		return Map.of("msg", "pong");
	}

	/** 200 when the store is reachable, 503 with the reason otherwise. */
	@RequestMapping("/health")
	ResponseEntity<Map<String, Object>> health() {
		try {
			this.store.ping();
			return ResponseEntity.ok(Map.of("result", "success"));
		}
		catch (RuntimeException ex) {
			Throwable root = ex;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			String message = (root.getMessage() != null) ? root.getMessage() : root.toString();
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.body(Map.of("result", "failure", "message", "store is not reachable: " + message));
		}
	}

}
