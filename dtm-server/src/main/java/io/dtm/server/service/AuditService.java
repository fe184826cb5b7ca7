package io.dtm.server.service;

import java.util.function.Supplier;

import io.dtm.server.engine.Schedule;
import io.dtm.server.store.AuditAction;
import io.dtm.server.store.AuditEntry;
import io.dtm.server.store.AuditOutcome;
import io.dtm.server.store.AuditTrail;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an operator's action and adds it to the {@link AuditTrail}: {@code DONE} when it
 * returns, {@code REFUSED} with the exception's message when it is refused (a
 * {@link DtmApiException} or an {@link IllegalArgumentException}), {@code FAILED} when
 * anything else goes wrong (the store is away…): then the entry names only the kind of
 * error, and the error itself, which may hold addresses and SQL, goes to the log. The
 * exception is rethrown. Every action is counted in {@code dtm.audit.actions} (Prometheus
 * {@code dtm_audit_actions_total}) by {@code action} and {@code outcome}.
 * <p>
 * The actor, target and reason are checked before the action runs, so an action whose
 * entry could not be stored is not carried out. An entry that cannot be written after the
 * action ran (the store is away) does not undo or hide the action's result: it is logged
 * at ERROR with every field and counted in {@code dtm.audit.record.failures}.
 */
public class AuditService {

	private static final Logger logger = LoggerFactory.getLogger(AuditService.class);

	private final AuditTrail trail;

	private final Schedule schedule;

	private final MeterRegistry registry;

	/**
	 * Create the service.
	 * @param trail where entries go
	 * @param schedule the clock
	 * @param registry where actions are counted
	 */
	public AuditService(AuditTrail trail, Schedule schedule, MeterRegistry registry) {
		this.trail = trail;
		this.schedule = schedule;
		this.registry = registry;
	}

	/**
	 * Run an action and record it.
	 * @param <T> the action's result
	 * @param actor who acts (the user name)
	 * @param action what is done
	 * @param target the gid or topic
	 * @param reason why, may be empty
	 * @param work the action
	 * @return what the action returned
	 * @throws IllegalArgumentException when the actor, target or reason cannot be
	 * recorded (missing or too long); the action is not run
	 * @throws RuntimeException whatever the action threw, after it was recorded as
	 * {@code REFUSED} or {@code FAILED}
	 */
	public <T> T audited(String actor, AuditAction action, String target, String reason, Supplier<T> work) {
		// checks the texts before anything is done
		AuditEntry.of(this.schedule.now(), actor, action, target, reason, AuditOutcome.DONE, "");
		T result;
		try {
			result = work.get();
		}
		catch (DtmApiException | IllegalArgumentException ex) {
			record(AuditEntry.of(this.schedule.now(), actor, action, target, reason, AuditOutcome.REFUSED,
					AuditEntry.detailOf(message(ex))));
			throw ex;
		}
		catch (RuntimeException ex) {
			logger.warn("operator action {} on {} by {} failed", action.wireValue(), target, actor, ex);
			record(AuditEntry.of(this.schedule.now(), actor, action, target, reason, AuditOutcome.FAILED,
					AuditEntry.detailOf(ex.getClass().getSimpleName() + "; see the coordinator log")));
			throw ex;
		}
		record(AuditEntry.of(this.schedule.now(), actor, action, target, reason, AuditOutcome.DONE, ""));
		return result;
	}

	private void record(AuditEntry entry) {
		Counter.builder("dtm.audit.actions")
			.description("Operator actions by action and outcome")
			.tags("action", entry.action().wireValue(), "outcome", entry.outcome().wireValue())
			.register(this.registry)
			.increment();
		try {
			this.trail.record(entry);
		}
		catch (RuntimeException ex) {
			logger.error("could not record the audit entry {}: {}", entry, ex.toString());
			Counter.builder("dtm.audit.record.failures")
				.description("Audit entries that could not be written")
				.register(this.registry)
				.increment();
		}
	}

	private static String message(RuntimeException ex) {
		String message = ex.getMessage();
		return (message != null && !message.isBlank()) ? message : ex.getClass().getSimpleName();
	}

}
