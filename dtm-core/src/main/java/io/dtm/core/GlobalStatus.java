package io.dtm.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Status of a global transaction as stored in {@code trans_global.status} and shown on
 * the wire. The wire value is stable; never rely on {@link #ordinal()}.
 */
public enum GlobalStatus {

	/** Created by {@code prepare}; branches may still be registered. */
	PREPARED("prepared"),
	/** Submitted; the coordinator drives it forward. */
	SUBMITTED("submitted"),
	/** Rolling back: compensations, cancels or XA rollbacks are being called. */
	ABORTING("aborting"),
	/** Finished successfully. */
	SUCCEED("succeed"),
	/** Finished after a rollback, an abort or a forced stop. */
	FAILED("failed");

	private final String wireValue;

	GlobalStatus(String wireValue) {
		this.wireValue = wireValue;
	}

	@JsonValue
	public String wireValue() {
		return this.wireValue;
	}

	/**
	 * Whether the status is final: nothing will ever be called again for the transaction.
	 * @return {@code true} for succeed and failed
	 */
	public boolean isFinished() {
		return this == SUCCEED || this == FAILED;
	}

	@JsonCreator
	public static GlobalStatus fromWireValue(String value) {
		return WireEnums.fromWire(GlobalStatus.class, value, GlobalStatus::wireValue);
	}

	@Override
	public String toString() {
		return this.wireValue;
	}

}
