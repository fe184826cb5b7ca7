package io.dtm.client.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Payloads, step results and workflow results as the bytes dtm stores: bytes as they are,
 * text as UTF-8, anything else as JSON.
 */
final class WorkflowCodec {

	private static final byte[] NONE = new byte[0];

	private final ObjectMapper objectMapper;

	WorkflowCodec(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	byte[] write(Object value) {
		if (value == null) {
			return NONE;
		}
		if (value instanceof byte[] bytes) {
			return bytes;
		}
		if (value instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		try {
			return this.objectMapper.writeValueAsBytes(value);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(
					"a value of type " + value.getClass().getName() + " cannot be written as JSON: " + ex.getMessage(),
					ex);
		}
	}

	@SuppressWarnings("unchecked")
	<T> T read(byte[] bytes, Class<T> type) {
		if (type == byte[].class) {
			return (T) ((bytes != null) ? bytes : NONE);
		}
		if (type == String.class) {
			return (T) ((bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : "");
		}
		if (bytes == null || bytes.length == 0 || type == Void.class) {
			return null;
		}
		try {
			return this.objectMapper.readValue(bytes, type);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot read " + type.getName() + " from '"
					+ new String(bytes, StandardCharsets.UTF_8) + "': " + ex.getMessage(), ex);
		}
	}

}
