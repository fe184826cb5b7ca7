package io.dtm.client;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A participant's successful answer to a branch call the initiator made itself (a TCC try
 * or an XA action).
 */
public final class BranchResponse {

	private final String branchId;

	private final int status;

	private final String body;

	private final ObjectMapper json;

	BranchResponse(String branchId, int status, String body, ObjectMapper json) {
		this.branchId = branchId;
		this.status = status;
		this.body = body;
		this.json = json;
	}

	/**
	 * The branch id the call was made with, such as {@code 01}.
	 * @return the branch id
	 */
	public String getBranchId() {
		return this.branchId;
	}

	/**
	 * The HTTP status (2xx).
	 * @return the status
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * The body text.
	 * @return the body, empty when there was none
	 */
	public String getBody() {
		return this.body;
	}

	/**
	 * The body read as JSON.
	 * @param <T> the target type
	 * @param type the target type
	 * @return the value
	 * @throws IllegalStateException if the body is not JSON of that type
	 */
	public <T> T as(Class<T> type) {
		try {
			return this.json.readValue(this.body, type);
		}
		catch (IOException ex) {
			throw new IllegalStateException("branch " + this.branchId + " answered a body that is not a "
					+ type.getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

}
