package io.dtm.samples.bench;

/**
 * Workloads, each one global transaction per operation, submitted with
 * {@code wait_result} so latency covers the whole transaction.
 */
public enum Scenario {

	/**
	 * 2-step saga with empty branch URLs: only the coordinator's own store work (dtm's
	 * benchmark).
	 */
	SAGA_EMPTY("saga-empty"),
	/**
	 * 2-step saga whose actions are real HTTP calls to a participant in its own process
	 * that answers at once (the case dtm's published figure measures).
	 */
	SAGA_HTTP("saga-http"),
	/** The same saga with gRPC branch calls to the participant process. */
	SAGA_GRPC("saga-grpc"),
	/** 2-step msg: prepare, then submit. */
	MSG("msg"),
	/** TCC with 2 branches: prepare, 2 registerBranch, submit. */
	TCC("tcc");

	private final String id;

	Scenario(String id) {
		this.id = id;
	}

	public String id() {
		return this.id;
	}

	/**
	 * Whether the coordinator calls the bench participant in this scenario.
	 * @return whether branches are real calls
	 */
	boolean callsParticipant() {
		return this == SAGA_HTTP || this == SAGA_GRPC;
	}

	static Scenario parse(String value) {
		for (Scenario scenario : values()) {
			if (scenario.id.equals(value)) {
				return scenario;
			}
		}
		throw new IllegalArgumentException(
				"unknown scenario '" + value + "' (saga-empty, saga-http, saga-grpc, msg, tcc)");
	}

}
