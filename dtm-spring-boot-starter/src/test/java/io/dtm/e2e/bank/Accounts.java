package io.dtm.e2e.bank;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.client.DtmFailure;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Account operations, each a single guarded SQL statement, plus bookkeeping of how often
 * business work really ran and of the one-time failures.
 */
@Component
public class Accounts {

	private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

	private final AtomicInteger executions = new AtomicInteger();

	public void withdraw(JdbcTemplate jdbc, Transfer transfer) {
		this.executions.incrementAndGet();
		if (jdbc.update("UPDATE account SET balance = balance - ? WHERE id = ? AND balance >= ?", transfer.amount(),
				transfer.account(), transfer.amount()) == 0) {
			throw DtmFailure.of("insufficient balance in " + transfer.account());
		}
	}

	public void deposit(JdbcTemplate jdbc, Transfer transfer) {
		this.executions.incrementAndGet();
		if (jdbc.update("UPDATE account SET balance = balance + ? WHERE id = ? AND frozen = 0", transfer.amount(),
				transfer.account()) == 0) {
			throw DtmFailure.of("account " + transfer.account() + " is closed or frozen");
		}
	}

	public void freeze(JdbcTemplate jdbc, Transfer transfer) {
		this.executions.incrementAndGet();
		if (jdbc.update("UPDATE account SET balance = balance - ?, frozen = frozen + ? WHERE id = ? AND balance >= ?",
				transfer.amount(), transfer.amount(), transfer.account(), transfer.amount()) == 0) {
			throw DtmFailure.of("insufficient balance in " + transfer.account());
		}
	}

	public void unfreeze(JdbcTemplate jdbc, Transfer transfer, boolean restore) {
		this.executions.incrementAndGet();
		jdbc.update("UPDATE account SET frozen = frozen - ?, balance = balance + ? WHERE id = ?", transfer.amount(),
				restore ? transfer.amount() : 0, transfer.account());
	}

	public void checkOpen(JdbcTemplate jdbc, Transfer transfer) {
		Integer frozen = jdbc.queryForObject("SELECT frozen FROM account WHERE id = ?", Integer.class,
				transfer.account());
		if (frozen == null || frozen != 0) {
			throw DtmFailure.of("account " + transfer.account() + " is frozen");
		}
	}

	/**
	 * Answer 500 once per key after the work committed.
	 * @param transfer the payload
	 * @param key gid, path and op
	 */
	public void maybeFailAfterCommit(Transfer transfer, String key) {
		if (transfer.failAfterCommitOnce() && this.failedOnce.add(key)) {
			throw new IllegalStateException("simulated crash after commit: " + key);
		}
	}

	public int executions() {
		return this.executions.get();
	}

}
