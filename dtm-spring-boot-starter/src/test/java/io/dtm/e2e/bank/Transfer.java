package io.dtm.e2e.bank;

/**
 * Branch payload.
 *
 * @param account the account id
 * @param amount the amount
 * @param failAfterCommitOnce whether the handler answers 500 once after its work
 * committed, so the coordinator repeats the call
 */
public record Transfer(String account, int amount, boolean failAfterCommitOnce) {

	public static Transfer of(String account, int amount) {
		return new Transfer(account, amount, false);
	}

	public static Transfer flaky(String account, int amount) {
		return new Transfer(account, amount, true);
	}

}
