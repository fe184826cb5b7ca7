package io.dtm.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Transaction modes understood by the coordinator. The wire value is the lower-case
 * string used in the {@code trans_type} field and in the {@code trans_type} query
 * parameter of branch calls; never rely on {@link #ordinal()}.
 */
public enum TransType {

	/** Saga: forward actions, reverse compensations. */
	SAGA("saga"),
	/** Two-phase message: prepare, then deliver every step at least once. */
	MSG("msg"),
	/**
	 * Try-confirm-cancel: the initiator calls try, the coordinator confirms or cancels.
	 */
	TCC("tcc"),
	/** XA: participants prepare locally, the coordinator commits or rolls back. */
	XA("xa"),
	/**
	 * Client-driven workflow (protocol reserved; not processed by this coordinator yet).
	 */
	WORKFLOW("workflow");

	private final String wireValue;

	TransType(String wireValue) {
		this.wireValue = wireValue;
	}

	@JsonValue
	public String wireValue() {
		return this.wireValue;
	}

	/**
	 * Whether the mode starts in {@link GlobalStatus#PREPARED} and registers or stores
	 * branches before the final submit.
	 * @return {@code true} for msg, tcc, xa and workflow
	 */
	public boolean isTwoPhase() {
		return this != SAGA;
	}

	@JsonCreator
	public static TransType fromWireValue(String value) {
		return WireEnums.fromWire(TransType.class, value, TransType::wireValue);
	}

	@Override
	public String toString() {
		return this.wireValue;
	}

}
