package io.dtm.server.store;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The contract every {@link AuditTrail} must meet; subclasses bind it to a store. The
 * tests of one class run one after the other, so the newest entries of the trail are the
 * ones the running test just recorded.
 */
public abstract class AbstractAuditTrailContractTests {

	private final LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);

	/**
	 * The trail under test.
	 * @return the trail
	 */
	protected abstract AuditTrail trail();

	@Test
	void recordShouldGiveTheEntryAnIdAndKeepEveryField() {
		String gid = target();
		AuditEntry entry = AuditEntry.of(this.now, "alice", AuditAction.FORCE_STOP, gid, "stuck since Monday",
				AuditOutcome.DONE, "");

		AuditEntry recorded = trail().record(entry);

		assertThat(recorded.id()).isPositive();
		assertThat(recorded).isEqualTo(entry.withId(recorded.id()));
		assertThat(trail().page(null, 1)).containsExactly(recorded);
		assertThat(trail().forGid(gid)).containsExactly(recorded);
	}

	@Test
	void recordShouldGiveGrowingIds() {
		String gid = target();
		long first = trail().record(entry(gid, AuditAction.RETRY_NOW, AuditOutcome.DONE)).id();
		long second = trail().record(entry(gid, AuditAction.RETRY_NOW, AuditOutcome.REFUSED)).id();

		assertThat(second).isGreaterThan(first);
	}

	@Test
	void pageShouldBeNewestFirstAndContinueBeforeTheLastIdOfThePreviousPage() {
		String topic = target();
		List<AuditEntry> recorded = new ArrayList<>();
		for (AuditAction action : AuditAction.values()) {
			recorded.add(trail().record(entry(topic, action, AuditOutcome.DONE)));
		}
		long next = recorded.get(recorded.size() - 1).id() + 1;

		List<AuditEntry> first = trail().page(next, 2);
		List<AuditEntry> second = trail().page(first.get(1).id(), 2);
		List<AuditEntry> third = trail().page(second.get(1).id(), 1);

		assertThat(first).containsExactly(recorded.get(4), recorded.get(3));
		assertThat(second).containsExactly(recorded.get(2), recorded.get(1));
		assertThat(third).containsExactly(recorded.get(0));
		assertThat(trail().page(null, 3)).containsExactly(recorded.get(4), recorded.get(3), recorded.get(2));
	}

	@Test
	void pageWhenNothingIsOlderShouldBeEmpty() {
		trail().record(entry(target(), AuditAction.RETRY_NOW, AuditOutcome.DONE));

		assertThat(trail().page(1L, 10)).isEmpty();
	}

	@Test
	void pageWhenTheSizeIsOutOfRangeShouldRefuse() {
		assertThatIllegalArgumentException().isThrownBy(() -> trail().page(null, 0))
			.withMessageContaining("between 1 and 1000");
		assertThatIllegalArgumentException().isThrownBy(() -> trail().page(null, AuditTrail.MAX_PAGE + 1));
	}

	@Test
	void forTargetShouldReturnOnlyItsEntriesNewestFirst() {
		String gid = target();
		String other = target();
		AuditEntry first = trail().record(entry(gid, AuditAction.RETRY_NOW, AuditOutcome.REFUSED));
		trail().record(entry(other, AuditAction.RETRY_NOW, AuditOutcome.DONE));
		AuditEntry second = trail().record(entry(gid, AuditAction.FORCE_STOP, AuditOutcome.DONE));

		assertThat(trail().forTarget(gid)).containsExactly(second, first);
		assertThat(trail().forGid(gid)).containsExactly(second, first);
		assertThat(trail().forTarget(target())).isEmpty();
	}

	@Test
	void forTargetWhenTargetsDifferOnlyInCaseShouldKeepThemApart() {
		String suffix = UUID.randomUUID().toString();
		AuditEntry upper = trail().record(entry("AuditGid-" + suffix, AuditAction.RETRY_NOW, AuditOutcome.DONE));
		AuditEntry lower = trail().record(entry("auditgid-" + suffix, AuditAction.RETRY_NOW, AuditOutcome.DONE));

		assertThat(trail().forTarget("AuditGid-" + suffix)).containsExactly(upper);
		assertThat(trail().forTarget("auditgid-" + suffix)).containsExactly(lower);
	}

	@Test
	void recordWhenTextsAreAtTheirLimitsShouldKeepThemWhole() {
		String target = "t\u00e9-" + UUID.randomUUID() + "-" + "x".repeat(AuditEntry.MAX_TARGET - 40);
		AuditEntry entry = AuditEntry.of(this.now, "\u00e9".repeat(AuditEntry.MAX_ACTOR), AuditAction.TOPIC_DELETE,
				target, "\u20ac".repeat(AuditEntry.MAX_TEXT), AuditOutcome.REFUSED,
				"\"quoted\" \\ \n".repeat(AuditEntry.MAX_TEXT / 13));

		AuditEntry recorded = trail().record(entry);

		assertThat(trail().forTarget(target)).containsExactly(recorded);
		assertThat(recorded.detail()).isEqualTo(entry.detail());
	}

	private AuditEntry entry(String target, AuditAction action, AuditOutcome outcome) {
		return AuditEntry.of(this.now, "bob", action, target, "", outcome,
				(outcome == AuditOutcome.REFUSED) ? "transaction is already finished" : "");
	}

	private static String target() {
		return "audit-" + UUID.randomUUID();
	}

}
