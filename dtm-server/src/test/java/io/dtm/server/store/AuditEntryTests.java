package io.dtm.server.store;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AuditEntry}, {@link AuditAction} and {@link AuditOutcome}.
 */
class AuditEntryTests {

	private static final LocalDateTime NOW = LocalDateTime.of(2026, 1, 1, 12, 0, 0, 700_000_000);

	@Test
	void whenTextsAreTooLongShouldRefuseNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> entry("a".repeat(129), "g", "", ""))
			.withMessage("audit entry: actor is 129 characters long; at most 128 are allowed");
		assertThatIllegalArgumentException().isThrownBy(() -> entry("alice", "g".repeat(129), "", ""))
			.withMessage("audit entry: target is 129 characters long; at most 128 are allowed");
		assertThatIllegalArgumentException().isThrownBy(() -> entry("alice", "g", "r".repeat(1025), ""))
			.withMessage("audit entry: reason is 1025 characters long; at most 1024 are allowed");
		assertThatIllegalArgumentException().isThrownBy(() -> entry("alice", "g", "", "d".repeat(1025)))
			.withMessage("audit entry: detail is 1025 characters long; at most 1024 are allowed");
	}

	@Test
	void whenRequiredFieldsAreMissingShouldRefuse() {
		assertThatIllegalArgumentException().isThrownBy(() -> entry(" ", "g", "", ""))
			.withMessage("audit entry: actor is missing");
		assertThatIllegalArgumentException().isThrownBy(() -> entry("alice", "", "", ""))
			.withMessage("audit entry: target is missing");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuditEntry.of(NOW, "alice", null, "g", "", AuditOutcome.DONE, ""))
			.withMessage("audit entry: action is missing");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuditEntry.of(null, "alice", AuditAction.FORCE_STOP, "g", "", AuditOutcome.DONE, ""))
			.withMessage("audit entry: time is missing");
	}

	@Test
	void whenTextsAreAtTheLimitOrMissingShouldKeepThemAndTheTimeInWholeSeconds() {
		AuditEntry entry = AuditEntry.of(NOW, "a".repeat(128), AuditAction.RETRY_NOW, "g".repeat(128), null,
				AuditOutcome.DONE, null);

		assertThat(entry.reason()).isEmpty();
		assertThat(entry.detail()).isEmpty();
		assertThat(entry.time()).isEqualTo(LocalDateTime.of(2026, 1, 1, 12, 0, 0));
		assertThat(entry.id()).isNull();
		assertThat(entry.withId(7).id()).isEqualTo(7);
		assertThat(AuditEntry.detailOf("x".repeat(2000))).hasSize(AuditEntry.MAX_TEXT);
	}

	@Test
	void wireValuesShouldReadBack() {
		assertThat(AuditAction.values()).extracting(AuditAction::wireValue)
			.containsExactly("retry_now", "force_stop", "topic_subscribe", "topic_unsubscribe", "topic_delete");
		for (AuditAction action : AuditAction.values()) {
			assertThat(AuditAction.fromWireValue(action.wireValue())).isEqualTo(action);
		}
		assertThat(AuditOutcome.fromWireValue("REFUSED")).isEqualTo(AuditOutcome.REFUSED);
		assertThatIllegalArgumentException().isThrownBy(() -> AuditAction.fromWireValue("reboot"))
			.withMessage("unknown AuditAction 'reboot'");
	}

	private static AuditEntry entry(String actor, String target, String reason, String detail) {
		return AuditEntry.of(NOW, actor, AuditAction.FORCE_STOP, target, reason, AuditOutcome.DONE, detail);
	}

}
