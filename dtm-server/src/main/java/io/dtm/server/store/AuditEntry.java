package io.dtm.server.store;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * One operator action in the {@link AuditTrail}. Texts are checked when the entry is
 * made, so an entry that exists can be stored by every store.
 *
 * @param id the id the trail gave it, growing with every entry; {@code null} before it is
 * recorded
 * @param time when the action ended, in the coordinator's time zone, in whole seconds (a
 * fraction is cut off)
 * @param actor who did it (the user name), not blank, at most {@value #MAX_ACTOR}
 * characters
 * @param action what was done
 * @param target the gid or the topic acted on, not blank, at most {@value #MAX_TARGET}
 * characters
 * @param reason why, as the operator gave it; may be empty, at most {@value #MAX_TEXT}
 * characters
 * @param outcome whether it was carried out
 * @param detail what the coordinator answered (the refusal's message); may be empty, at
 * most {@value #MAX_TEXT} characters
 */
public record AuditEntry(Long id, LocalDateTime time, String actor, AuditAction action, String target, String reason,
		AuditOutcome outcome, String detail) {

	/** The longest actor kept. */
	public static final int MAX_ACTOR = 128;

	/** The longest target kept (a gid or a topic name). */
	public static final int MAX_TARGET = 128;

	/** The longest reason or detail kept. */
	public static final int MAX_TEXT = 1024;

	/**
	 * Check an entry; a {@code null} reason or detail becomes empty.
	 * @param id the id, or {@code null}
	 * @param time the time
	 * @param actor the actor
	 * @param action the action
	 * @param target the target
	 * @param reason the reason
	 * @param outcome the outcome
	 * @param detail the detail
	 * @throws IllegalArgumentException naming the first field that is missing or too long
	 */
	public AuditEntry {
		require(time != null, "time is missing");
		time = time.truncatedTo(ChronoUnit.SECONDS);
		require(actor != null && !actor.isBlank(), "actor is missing");
		require(actor.length() <= MAX_ACTOR,
				"actor is " + actor.length() + " characters long; at most " + MAX_ACTOR + " are allowed");
		require(action != null, "action is missing");
		require(target != null && !target.isBlank(), "target is missing");
		require(target.length() <= MAX_TARGET,
				"target is " + target.length() + " characters long; at most " + MAX_TARGET + " are allowed");
		reason = (reason != null) ? reason : "";
		require(reason.length() <= MAX_TEXT,
				"reason is " + reason.length() + " characters long; at most " + MAX_TEXT + " are allowed");
		require(outcome != null, "outcome is missing");
		detail = (detail != null) ? detail : "";
		require(detail.length() <= MAX_TEXT,
				"detail is " + detail.length() + " characters long; at most " + MAX_TEXT + " are allowed");
	}

	/**
	 * An entry not recorded yet.
	 * @param time when the action ended
	 * @param actor who did it
	 * @param action what was done
	 * @param target the gid or topic
	 * @param reason why
	 * @param outcome whether it was carried out
	 * @param detail what the coordinator answered
	 * @return the entry, without an id
	 * @throws IllegalArgumentException when a field is missing or too long
	 */
	public static AuditEntry of(LocalDateTime time, String actor, AuditAction action, String target, String reason,
			AuditOutcome outcome, String detail) {
		return new AuditEntry(null, time, actor, action, target, reason, outcome, detail);
	}

	/**
	 * A text cut to what a detail may hold (for messages the operator did not write).
	 * @param text the text, may be {@code null}
	 * @return at most {@value #MAX_TEXT} characters
	 */
	public static String detailOf(String text) {
		return StoredText.cut(text, MAX_TEXT);
	}

	/**
	 * This entry with the id the trail gave it.
	 * @param id the id
	 * @return the entry
	 */
	public AuditEntry withId(long id) {
		return new AuditEntry(id, this.time, this.actor, this.action, this.target, this.reason, this.outcome,
				this.detail);
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException("audit entry: " + message);
		}
	}

}
