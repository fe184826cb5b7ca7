package io.dtm.samples.bank;

import java.util.List;

import io.dtm.client.DtmFailure;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code account} table. Each operation is one SQL statement that checks its own
 * business rule; a refusal throws {@link DtmFailure}, which a branch handler answers as
 * {@code 409 FAILURE}, so the coordinator rolls the global transaction back.
 * <p>
 * The operations take the {@link JdbcTemplate} of the transaction they belong to: the
 * barrier's ({@code barrier.call((tx) -> accounts.withdraw(tx.jdbcTemplate(), ...))}) or
 * the XA branch's, so the business row and the barrier row commit together.
 */
@Repository
public class Accounts {

	private final JdbcTemplate jdbc;

	public Accounts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Take money out; refuses when the balance is too low.
	 * @param tx the transaction's template
	 * @param transfer account and amount
	 */
	public void withdraw(JdbcTemplate tx, Transfer transfer) {
		if (tx.update("UPDATE account SET balance = balance - ? WHERE id = ? AND balance >= ?", transfer.amount(),
				transfer.account(), transfer.amount()) == 0) {
			throw DtmFailure.of("insufficient balance in account " + transfer.account());
		}
	}

	/**
	 * Compensation of {@link #withdraw}: put the money back. A compensation never
	 * refuses; the barrier skips it when the withdrawal never happened.
	 * @param tx the transaction's template
	 * @param transfer account and amount
	 */
	public void revertWithdraw(JdbcTemplate tx, Transfer transfer) {
		tx.update("UPDATE account SET balance = balance + ? WHERE id = ?", transfer.amount(), transfer.account());
	}

	/**
	 * Pay money in; refuses when the account does not exist.
	 * @param tx the transaction's template
	 * @param transfer account and amount
	 */
	public void deposit(JdbcTemplate tx, Transfer transfer) {
		if (tx.update("UPDATE account SET balance = balance + ? WHERE id = ?", transfer.amount(),
				transfer.account()) == 0) {
			throw DtmFailure.of("no account " + transfer.account());
		}
	}

	/**
	 * Compensation of {@link #deposit}: take the money back out.
	 * @param tx the transaction's template
	 * @param transfer account and amount
	 */
	public void revertDeposit(JdbcTemplate tx, Transfer transfer) {
		tx.update("UPDATE account SET balance = balance - ? WHERE id = ?", transfer.amount(), transfer.account());
	}

	/**
	 * TCC try of a withdrawal: move the amount from the balance to {@code frozen};
	 * refuses when the balance is too low.
	 * @param tx the transaction's template
	 * @param transfer account and amount
	 */
	public void freeze(JdbcTemplate tx, Transfer transfer) {
		if (tx.update("UPDATE account SET balance = balance - ?, frozen = frozen + ? WHERE id = ? AND balance >= ?",
				transfer.amount(), transfer.amount(), transfer.account(), transfer.amount()) == 0) {
			throw DtmFailure.of("insufficient balance in account " + transfer.account());
		}
	}

	/**
	 * TCC confirm of {@link #freeze}: the frozen money is gone for good.
	 * @param tx the transaction's template
	 * @param transfer account and amount
	 */
	public void settleFrozen(JdbcTemplate tx, Transfer transfer) {
		tx.update("UPDATE account SET frozen = frozen - ? WHERE id = ?", transfer.amount(), transfer.account());
	}

	/**
	 * TCC cancel of {@link #freeze}: the frozen money goes back to the balance.
	 * @param tx the transaction's template
	 * @param transfer account and amount
	 */
	public void unfreeze(JdbcTemplate tx, Transfer transfer) {
		tx.update("UPDATE account SET frozen = frozen - ?, balance = balance + ? WHERE id = ?", transfer.amount(),
				transfer.amount(), transfer.account());
	}

	/**
	 * TCC try of a deposit: the account must exist.
	 * @param tx the transaction's template
	 * @param transfer account and amount
	 */
	public void requireAccount(JdbcTemplate tx, Transfer transfer) {
		Integer count = tx.queryForObject("SELECT COUNT(*) FROM account WHERE id = ?", Integer.class,
				transfer.account());
		if (count == null || count == 0) {
			throw DtmFailure.of("no account " + transfer.account());
		}
	}

	/**
	 * Every account.
	 * @return the accounts by id
	 */
	public List<Account> findAll() {
		return this.jdbc.query("SELECT id, balance, frozen FROM account ORDER BY id",
				(rs, row) -> new Account(rs.getLong("id"), rs.getInt("balance"), rs.getInt("frozen")));
	}

}
