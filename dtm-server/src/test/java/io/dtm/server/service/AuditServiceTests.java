package io.dtm.server.service;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.engine.Schedule;
import io.dtm.server.store.AuditAction;
import io.dtm.server.store.AuditEntry;
import io.dtm.server.store.AuditOutcome;
import io.dtm.server.testsupport.InMemoryAuditTrail;
import io.dtm.server.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AuditService}.
 */
class AuditServiceTests {

	private static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 12, 0, 0);

	private final MutableClock clock = new MutableClock(T0.toInstant(ZoneOffset.UTC));

	private final InMemoryAuditTrail trail = new InMemoryAuditTrail();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final AuditService service = new AuditService(this.trail,
			new Schedule(new DtmServerProperties(), this.clock), this.registry);

	@Test
	void whenTheActionSucceedsShouldRecordItDoneAndReturnItsResult() {
		String result = this.service.audited("alice", AuditAction.RETRY_NOW, "g1", "participant is back", () -> "ok");

		assertThat(result).isEqualTo("ok");
		assertThat(this.trail.forGid("g1")).singleElement()
			.isEqualTo(new AuditEntry(1L, T0, "alice", AuditAction.RETRY_NOW, "g1", "participant is back",
					AuditOutcome.DONE, ""));
		assertThat(count(AuditAction.RETRY_NOW, AuditOutcome.DONE)).isEqualTo(1);
	}

	@Test
	void whenTheActionIsRefusedShouldRecordTheMessageAndRethrow() {
		DtmApiException.BadRequest refusal = new DtmApiException.BadRequest("transaction g2 is already finished");

		assertThatExceptionOfType(DtmApiException.BadRequest.class)
			.isThrownBy(() -> this.service.audited("bob", AuditAction.FORCE_STOP, "g2", "", () -> {
				throw refusal;
			}))
			.isSameAs(refusal);

		assertThat(this.trail.forGid("g2")).singleElement().satisfies((entry) -> {
			assertThat(entry.outcome()).isEqualTo(AuditOutcome.REFUSED);
			assertThat(entry.detail()).isEqualTo("transaction g2 is already finished");
			assertThat(entry.actor()).isEqualTo("bob");
			assertThat(entry.action()).isEqualTo(AuditAction.FORCE_STOP);
		});
		assertThat(count(AuditAction.FORCE_STOP, AuditOutcome.REFUSED)).isEqualTo(1);
		assertThat(count(AuditAction.FORCE_STOP, AuditOutcome.DONE)).isZero();
	}

	@Test
	void whenTheRefusalHasALongOrNoMessageTheDetailShouldBeBoundedOrNameTheException() {
		assertThatExceptionOfType(DtmApiException.BadRequest.class)
			.isThrownBy(() -> this.service.audited("bob", AuditAction.TOPIC_DELETE, "orders", "", () -> {
				throw new DtmApiException.BadRequest("x".repeat(5000));
			}));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.service.audited("bob", AuditAction.TOPIC_UNSUBSCRIBE, "payments", "", () -> {
				throw new IllegalArgumentException();
			}));

		assertThat(this.trail.forTarget("orders")).singleElement()
			.satisfies((entry) -> assertThat(entry.detail()).hasSize(AuditEntry.MAX_TEXT));
		assertThat(this.trail.forTarget("payments")).singleElement()
			.satisfies((entry) -> assertThat(entry.detail()).isEqualTo("IllegalArgumentException"));
	}

	@Test
	void whenTheActionFailsForAnotherReasonShouldRecordItFailedWithoutTheErrorsText() {
		RuntimeException outage = new IllegalStateException(
				"Communications link failure: jdbc:mysql://10.0.0.7:3306/dtm user=dtm_admin");

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.service.audited("bob", AuditAction.RETRY_NOW, "g3", "", () -> {
				throw outage;
			}))
			.isSameAs(outage);

		assertThat(this.trail.forGid("g3")).singleElement().satisfies((entry) -> {
			assertThat(entry.outcome()).isEqualTo(AuditOutcome.FAILED);
			assertThat(entry.detail()).isEqualTo("IllegalStateException; see the coordinator log")
				.doesNotContain("10.0.0.7");
		});
		assertThat(count(AuditAction.RETRY_NOW, AuditOutcome.FAILED)).isEqualTo(1);
	}

	@Test
	void whenTheReasonIsTooLongTheActionShouldNotRunAndNothingBeRecorded() {
		boolean[] ran = { false };

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.service.audited("alice", AuditAction.TOPIC_SUBSCRIBE, "orders", "r".repeat(1025),
					() -> ran[0] = true))
			.withMessageContaining("reason is 1025 characters long");

		assertThat(ran[0]).isFalse();
		assertThat(this.trail.page(null, 10)).isEmpty();
		assertThat(this.registry.find("dtm.audit.actions").counters()).isEmpty();
	}

	@Test
	void whenTheEntryCannotBeWrittenTheActionsResultShouldStandAndTheFailureBeCounted() {
		this.trail.failWith(new IllegalStateException("database away"));

		String result = this.service.audited("alice", AuditAction.RETRY_NOW, "g3", "", () -> "ok");

		assertThat(result).isEqualTo("ok");
		assertThat(this.registry.get("dtm.audit.record.failures").counter().count()).isEqualTo(1);
		assertThat(count(AuditAction.RETRY_NOW, AuditOutcome.DONE)).isEqualTo(1);
	}

	@Test
	void whenTheActionEndsLaterTheEntryShouldCarryTheTimeItEnded() {
		this.service.audited("alice", AuditAction.RETRY_NOW, "g4", "", () -> {
			this.clock.advance(java.time.Duration.ofSeconds(5));
			return null;
		});

		assertThat(this.trail.forGid("g4")).singleElement()
			.satisfies((entry) -> assertThat(entry.time()).isEqualTo(T0.plusSeconds(5)));
	}

	private double count(AuditAction action, AuditOutcome outcome) {
		var counter = this.registry.find("dtm.audit.actions")
			.tags("action", action.wireValue(), "outcome", outcome.wireValue())
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
