package io.dtm.server.store;

import io.dtm.core.BranchOutcome;

/**
 * One branch call that did not succeed, as the engine reports it to the
 * {@link BranchCallLog}. The code and message are cut to the lengths the stores keep.
 *
 * @param outcome how the call was classified: {@code FAILURE}, {@code ERROR} or
 * {@code ONGOING}
 * @param code the HTTP status ({@code 500}), the gRPC status name ({@code UNAVAILABLE}),
 * the JSON-RPC error code or a short transport reason ({@code connection refused},
 * {@code timeout}); at most {@value #MAX_CODE} characters
 * @param message what the participant answered or why there was no answer; at most
 * {@value #MAX_MESSAGE} characters
 */
public record BranchCallFailure(BranchOutcome outcome, String code, String message) {

	/** The longest code kept. */
	public static final int MAX_CODE = 64;

	/** The longest message kept. */
	public static final int MAX_MESSAGE = 1024;

	/**
	 * A failed call; {@code null} code and message become empty, longer ones are cut.
	 * @param outcome the outcome, not {@code SUCCESS}
	 * @param code the code
	 * @param message the message
	 * @throws IllegalArgumentException when the outcome is missing or {@code SUCCESS}
	 */
	public BranchCallFailure {
		if (outcome == null || outcome == BranchOutcome.SUCCESS) {
			throw new IllegalArgumentException(
					"a failed branch call has outcome FAILURE, ERROR or ONGOING, not " + outcome);
		}
		code = StoredText.cut(code, MAX_CODE);
		message = StoredText.cut(message, MAX_MESSAGE);
	}

}
