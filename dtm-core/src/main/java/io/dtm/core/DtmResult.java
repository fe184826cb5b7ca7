package io.dtm.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The three protocol results. Since dtm v1.10 the HTTP status is the contract; the
 * {@code dtm_result} body field is kept because older SDKs (including dtmcli-java) read
 * it.
 */
public enum DtmResult {

	/** Done; HTTP 200. */
	SUCCESS("SUCCESS", 200),
	/** Business refusal: do not retry; HTTP 409. */
	FAILURE("FAILURE", 409),
	/** Not finished yet: ask again later at the same pace; HTTP 425. */
	ONGOING("ONGOING", 425);

	private final String wireValue;

	private final int httpStatus;

	DtmResult(String wireValue, int httpStatus) {
		this.wireValue = wireValue;
		this.httpStatus = httpStatus;
	}

	@JsonValue
	public String wireValue() {
		return this.wireValue;
	}

	public int httpStatus() {
		return this.httpStatus;
	}

	@JsonCreator
	public static DtmResult fromWireValue(String value) {
		for (DtmResult result : values()) {
			if (result.wireValue.equals(value)) {
				return result;
			}
		}
		throw new IllegalArgumentException("unknown DtmResult '" + value + "'");
	}

}
