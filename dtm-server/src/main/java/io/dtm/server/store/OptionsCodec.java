package io.dtm.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.TransOptions;

/**
 * Reads and writes the {@code options} JSON text exactly as dtm stores it ({@code {}} is
 * stored as the empty string).
 */
public class OptionsCodec {

	private final ObjectMapper objectMapper;

	public OptionsCodec(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	/**
	 * Serialise options.
	 * @param options the options, may be {@code null}
	 * @return the text
	 */
	public String write(TransOptions options) {
		if (options == null) {
			return "";
		}
		try {
			String json = this.objectMapper.writeValueAsString(options);
			return "{}".equals(json) ? "" : json;
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot serialise options " + options, ex);
		}
	}

	/**
	 * Parse the options text; empty text means no options.
	 * @param json the text
	 * @return the options
	 */
	public TransOptions read(String json) {
		if (json == null || json.isBlank()) {
			return TransOptions.NONE;
		}
		try {
			return this.objectMapper.readValue(json, TransOptions.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("stored options are not valid JSON: " + json, ex);
		}
	}

}
