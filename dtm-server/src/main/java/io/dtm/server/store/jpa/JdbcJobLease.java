package io.dtm.server.store.jpa;

import java.time.Duration;
import java.time.LocalDateTime;

import io.dtm.server.store.JobLease;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link JobLease} in the table {@code dtm_lease}, one row per job. Taking the lease is a
 * guarded update (held by this owner, or expired); when the job has no row yet the first
 * insert wins and every other instance gets a duplicate key.
 */
class JdbcJobLease implements JobLease {

	private static final String TAKE = "UPDATE dtm_lease SET owner = ?, expires_at = ? "
			+ "WHERE name = ? AND (owner = ? OR expires_at < ?)";

	private final JdbcTemplate jdbc;

	JdbcJobLease(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean acquire(String name, String owner, LocalDateTime now, Duration duration) {
		LocalDateTime expires = now.plus(duration);
		if (this.jdbc.update(TAKE, owner, expires, name, owner, now) == 1) {
			return true;
		}
		try {
			return this.jdbc.update("INSERT INTO dtm_lease (name, owner, expires_at) VALUES (?, ?, ?)", name, owner,
					expires) == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Override
	public void release(String name, String owner) {
		this.jdbc.update("DELETE FROM dtm_lease WHERE name = ? AND owner = ?", name, owner);
	}

}
