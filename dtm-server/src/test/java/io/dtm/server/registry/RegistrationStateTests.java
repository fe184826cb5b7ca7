package io.dtm.server.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import io.dtm.server.registry.RegistrationStatus.Phase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RegistrationState} and the {@link RegistrationTransition} table.
 */
class RegistrationStateTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void whenTransitionIsNotInTheTableShouldRefuseItAndKeepTheState() {
		RegistrationState state = new RegistrationState(Clock.fixed(START, ZoneOffset.UTC));
		List<RegistrationTransition> seen = new ArrayList<>();
		state.addListener((transition, status) -> seen.add(transition));

		assertThatIllegalStateException().isThrownBy(() -> state.transition(Phase.REGISTERED, 0, null, null))
			.withMessage("illegal registration transition from STARTING to REGISTERED");
		assertThat(state.current().phase()).isEqualTo(Phase.STARTING);
		assertThat(seen).isEmpty();
	}

	@Test
	void whenTransitionIsLegalShouldTellListenersAndStampOnlyANewPhase() {
		MovableClock clock = new MovableClock();
		RegistrationState state = new RegistrationState(clock);
		List<RegistrationTransition> seen = new ArrayList<>();
		state.addListener((transition, status) -> seen.add(transition));

		clock.now = START.plusSeconds(1);
		state.transition(Phase.REGISTERING, 0, null, null);
		clock.now = START.plusSeconds(2);
		RegistrationStatus retried = state.transition(Phase.REGISTERING, 1, null, "refused");

		assertThat(seen).containsExactly(RegistrationTransition.STARTING_TO_REGISTERING,
				RegistrationTransition.REGISTERING_TO_REGISTERING);
		assertThat(retried.since()).as("same phase keeps its start").isEqualTo(START.plusSeconds(1));
		assertThat(retried.attempts()).isEqualTo(1);
		assertThat(retried.lastError()).isEqualTo("refused");
	}

	@Test
	void whenStoppedShouldAllowNoFurtherTransition() {
		for (Phase from : EnumSet.complementOf(EnumSet.of(Phase.STOPPED))) {
			assertThat(RegistrationTransition.between(from, Phase.STOPPED)).as(from + " to STOPPED").isPresent();
		}
		for (Phase to : Phase.values()) {
			assertThat(RegistrationTransition.between(Phase.STOPPED, to)).as("STOPPED to " + to).isEmpty();
		}
		assertThat(RegistrationTransition.between(Phase.STARTING, Phase.FAILED)).isEmpty();
		assertThat(RegistrationTransition.between(Phase.REGISTERED, Phase.FAILED)).isEmpty();
	}

	private static final class MovableClock extends Clock {

		private Instant now = START;

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
