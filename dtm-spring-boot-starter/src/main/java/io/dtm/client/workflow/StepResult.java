package io.dtm.client.workflow;

import java.nio.charset.StandardCharsets;

import io.dtm.client.DtmFailure;

/**
 * What a step ended with: succeeded with data, failed (a business refusal, data is the
 * reason) or not finished (an error that is not recorded).
 */
record StepResult(String status, byte[] data, RuntimeException error) {

	static final String SUCCEED = "succeed";

	static final String FAILED = "failed";

	static StepResult succeeded(byte[] data) {
		return new StepResult(SUCCEED, data, null);
	}

	static StepResult failed(DtmFailure failure) {
		String reason = String.valueOf(failure.getMessage());
		return new StepResult(FAILED, reason.getBytes(StandardCharsets.UTF_8), failure);
	}

	static StepResult unfinished(RuntimeException error) {
		return new StepResult(null, null, error);
	}

	/**
	 * A step recorded by the coordinator.
	 */
	static StepResult recorded(String status, byte[] data) {
		if (FAILED.equals(status)) {
			return failed(DtmFailure.of(new String(data, StandardCharsets.UTF_8)));
		}
		return succeeded(data);
	}

	boolean isRecordable() {
		return this.status != null;
	}

	boolean isFailed() {
		return FAILED.equals(this.status);
	}

	/**
	 * The data, or the error thrown.
	 */
	byte[] get() {
		if (this.error != null) {
			throw this.error;
		}
		return this.data;
	}

}
