package io.dtm.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Status of one branch operation row ({@code trans_branch_op.status}).
 */
public enum BranchStatus {

	/** Not called yet, or its last call had an unknown outcome. */
	PREPARED("prepared"),
	/** The participant answered SUCCESS. */
	SUCCEED("succeed"),
	/** The participant answered FAILURE (only recorded for saga actions). */
	FAILED("failed");

	private final String wireValue;

	BranchStatus(String wireValue) {
		this.wireValue = wireValue;
	}

	@JsonValue
	public String wireValue() {
		return this.wireValue;
	}

	@JsonCreator
	public static BranchStatus fromWireValue(String value) {
		return WireEnums.fromWire(BranchStatus.class, value, BranchStatus::wireValue);
	}

	@Override
	public String toString() {
		return this.wireValue;
	}

}
