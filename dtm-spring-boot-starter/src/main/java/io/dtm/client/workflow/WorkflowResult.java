package io.dtm.client.workflow;

/**
 * The result a workflow returned, as dtm stores it (bytes).
 */
public final class WorkflowResult {

	private final byte[] bytes;

	private final WorkflowCodec codec;

	WorkflowResult(byte[] bytes, WorkflowCodec codec) {
		this.bytes = bytes;
		this.codec = codec;
	}

	/**
	 * The result's bytes.
	 * @return the bytes, empty when the workflow returned nothing
	 */
	public byte[] bytes() {
		return this.bytes.clone();
	}

	/**
	 * The result as UTF-8 text.
	 * @return the text
	 */
	public String asText() {
		return this.codec.read(this.bytes, String.class);
	}

	/**
	 * The result read as JSON (or text or bytes).
	 * @param <T> the type
	 * @param type the type
	 * @return the value, {@code null} when the workflow returned nothing
	 */
	public <T> T as(Class<T> type) {
		return this.codec.read(this.bytes, type);
	}

}
