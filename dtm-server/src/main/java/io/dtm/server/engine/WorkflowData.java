package io.dtm.server.engine;

import java.io.IOException;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a workflow's {@code custom_data} holds, as dtm's workflow SDK writes it:
 * {@code {"name": <workflow name>, "data": <base64 of the workflow's input>}}.
 *
 * @param name the workflow's name, sent as {@code op} when the coordinator resumes it
 * @param data the workflow's input bytes
 */
public record WorkflowData(String name, byte[] data) {

	/**
	 * Read a workflow's custom data.
	 * @param mapper the mapper
	 * @param customData the stored {@code custom_data}
	 * @return the name and data
	 * @throws IllegalArgumentException when it is not dtm's shape
	 */
	public static WorkflowData parse(ObjectMapper mapper, String customData) {
		JsonNode root;
		try {
			root = mapper.readTree((customData != null) ? customData : "");
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("custom_data of a workflow is not valid JSON");
		}
		if (root == null || !root.isObject() || !root.path("name").isTextual()
				|| root.path("name").asText().isEmpty()) {
			throw new IllegalArgumentException(
					"custom_data of a workflow must be {\"name\": <workflow name>, \"data\": <base64>}");
		}
		JsonNode data = root.path("data");
		byte[] bytes;
		try {
			bytes = (data.isMissingNode() || data.isNull()) ? new byte[0] : Base64.getDecoder().decode(data.asText());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("custom_data.data of a workflow must be base64");
		}
		return new WorkflowData(root.path("name").asText(), bytes);
	}

}
