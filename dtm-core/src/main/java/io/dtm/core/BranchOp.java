package io.dtm.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Branch operation, sent to participants as the {@code op} query parameter and stored in
 * {@code trans_branch_op.op}.
 */
public enum BranchOp {

	/** Saga or msg forward step. */
	ACTION("action"),
	/** Saga compensation. */
	COMPENSATE("compensate"),
	/** TCC try (called by the initiator, never stored). */
	TRY("try"),
	/** TCC confirm. */
	CONFIRM("confirm"),
	/** TCC cancel. */
	CANCEL("cancel"),
	/** XA phase-2 commit. */
	COMMIT("commit"),
	/** XA phase-2 rollback. */
	ROLLBACK("rollback"),
	/** Msg check-back ({@code query_prepared}) and barrier marker. */
	MSG("msg"),
	/**
	 * The coordinator's call that resumes an unfinished workflow (sent with the
	 * workflow's name as {@code op}; never stored).
	 */
	WORKFLOW("workflow"),
	/**
	 * A workflow's XA step (dtm's {@code DoXa}): recorded once its local work is done,
	 * just before {@code XA PREPARE}, so that a run interrupted before the step's own
	 * record rolls the prepared branch back.
	 */
	BUSINESS("business");

	private final String wireValue;

	BranchOp(String wireValue) {
		this.wireValue = wireValue;
	}

	@JsonValue
	public String wireValue() {
		return this.wireValue;
	}

	/**
	 * Whether this operation undoes an earlier one.
	 * @return {@code true} for compensate, cancel and rollback
	 */
	public boolean isRollback() {
		return this == COMPENSATE || this == CANCEL || this == ROLLBACK;
	}

	@JsonCreator
	public static BranchOp fromWireValue(String value) {
		return WireEnums.fromWire(BranchOp.class, value, BranchOp::wireValue);
	}

	@Override
	public String toString() {
		return this.wireValue;
	}

}
