package io.dtm.server.diagnostics;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.server.engine.StoreFailureReporter;
import io.dtm.server.store.DuplicateBranchException;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Recognises failures of the transaction store wherever they surface (an API call, a
 * processing pass, a cron poll), classifies them with the store's D-code (D1001 SQL,
 * D1002 Redis) and logs each occurrence once through the {@link DiagnosticReporter}: a
 * store outage gives one WARN line with code, cause and action, and one INFO line when
 * the store answers again, not a stack trace per request.
 */
public class StoreFailures implements StoreFailureReporter {

	/**
	 * The check name the occurrences are reported under (shared with the health check).
	 */
	static final String CHECK = "store";

	/**
	 * The causes that mean the store answered, but with an error (answered 500); every
	 * other cause means it cannot be used at all (an outage, answered 503).
	 */
	private static final Set<DiagnosticCause> STORE_ANSWERED = EnumSet.of(DiagnosticCause.DB_OTHER,
			DiagnosticCause.REDIS_OTHER, DiagnosticCause.REDIS_NOT_PERMITTED, DiagnosticCause.REDIS_READ_ONLY,
			DiagnosticCause.REDIS_CANNOT_PERSIST, DiagnosticCause.REDIS_OUT_OF_MEMORY, DiagnosticCause.REDIS_LOADING);

	private final StoreDiagnoser diagnoser;

	private final DiagnosticReporter reporter;

	public StoreFailures(StoreDiagnoser diagnoser, DiagnosticReporter reporter) {
		this.diagnoser = diagnoser;
		this.reporter = reporter;
	}

	/**
	 * Classify an exception if it is a store failure.
	 * @param failure the exception
	 * @return the diagnosis, or empty when it is no store failure
	 */
	public Optional<Diagnosis> diagnose(Throwable failure) {
		return isStoreFailure(failure) ? Optional.of(this.diagnoser.diagnose(failure)) : Optional.empty();
	}

	/**
	 * Whether a diagnosis says the store cannot be reached (as opposed to a store that
	 * answered with an error).
	 * @param diagnosis the diagnosis
	 * @return {@code true} for an outage
	 */
	public static boolean isOutage(Diagnosis diagnosis) {
		return !STORE_ANSWERED.contains(diagnosis.cause());
	}

	@Override
	public boolean report(Throwable failure) {
		Optional<Diagnosis> diagnosis = diagnose(failure);
		diagnosis.ifPresent((d) -> this.reporter.report(CHECK, Optional.of(d)));
		return diagnosis.isPresent();
	}

	@Override
	public void recovered() {
		this.reporter.report(CHECK, Optional.empty());
	}

	static boolean isStoreFailure(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof DuplicateBranchException) {
				return false;
			}
			if (t instanceof DataAccessException || t instanceof TransactionException || t instanceof SQLException) {
				return true;
			}
		}
		return false;
	}

}
