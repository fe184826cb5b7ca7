package io.dtm.server.console;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dtm.server.engine.Redaction;
import io.dtm.server.store.GlobalTrans;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What of a transaction's secrets the console shows: branch header values and URL
 * credentials are hidden ({@link Redaction}) unless
 * {@code dtm.server.console.show-branch-secrets} is on and the user is an operator. The
 * pages call it as {@code @consoleRedaction}.
 */
public class ConsoleRedaction {

	private final boolean showToOperators;

	private final ObjectMapper objectMapper;

	ConsoleRedaction(boolean showToOperators, ObjectMapper objectMapper) {
		this.showToOperators = showToOperators;
		this.objectMapper = objectMapper;
	}

	/**
	 * A branch URL as the current user may see it.
	 * @param url the URL
	 * @return the URL, its credentials hidden unless shown to this user
	 */
	public String url(String url) {
		return reveal() ? url : Redaction.url(url);
	}

	/**
	 * A transaction's options as JSON, branch header values hidden unless shown to this
	 * user.
	 * @param trans the transaction
	 * @return the JSON
	 */
	public String optionsJson(GlobalTrans trans) {
		JsonNode options = this.objectMapper.valueToTree(trans.options());
		if (!reveal() && options instanceof ObjectNode object) {
			for (String field : List.copyOf(object.properties()).stream().map(Map.Entry::getKey).toList()) {
				if (field.toLowerCase(Locale.ROOT).contains("header")
						&& object.get(field) instanceof ObjectNode headers) {
					for (String header : headers.properties().stream().map(Map.Entry::getKey).toList()) {
						headers.put(header, Redaction.MASK);
					}
				}
			}
		}
		try {
			return this.objectMapper.writeValueAsString(options);
		}
		catch (JsonProcessingException ex) {
			return "{}";
		}
	}

	private boolean reveal() {
		if (!this.showToOperators) {
			return false;
		}
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		return user != null && user.getAuthorities()
			.stream()
			.anyMatch((authority) -> ConsoleRole.OPERATOR.authority().equals(authority.getAuthority()));
	}

}
