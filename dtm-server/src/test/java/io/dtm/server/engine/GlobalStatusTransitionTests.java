package io.dtm.server.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import io.dtm.core.TransType;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.StatusChange;
import io.dtm.server.store.TransStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link GlobalStatusTransition} and {@link StatusMachine}: the table holds
 * exactly dtm's legal changes, every one of them is performed as a guarded store update,
 * and nothing else is allowed.
 */
class GlobalStatusTransitionTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

	@Test
	void tableShouldListExactlyTheLegalTransitions() {
		List<String> legal = new ArrayList<>();
		for (GlobalStatus from : GlobalStatus.values()) {
			for (GlobalStatus to : GlobalStatus.values()) {
				GlobalStatusTransition.between(from, to).ifPresent((t) -> legal.add(from + ">" + to));
			}
		}
		assertThat(legal).containsExactlyInAnyOrder("prepared>submitted", "prepared>aborting", "prepared>failed",
				"prepared>succeed", "submitted>succeed", "submitted>aborting", "submitted>failed", "aborting>failed");
	}

	@Test
	void transitionWhenLegalShouldPerformAGuardedUpdateForEveryRow() {
		for (GlobalStatusTransition transition : GlobalStatusTransition.values()) {
			RecordingStore store = new RecordingStore(true);
			GlobalTrans after = new StatusMachine(store.proxy(), new Schedule(new DtmServerProperties(), CLOCK),
					List.of())
				.transition(trans(transition.from()), transition.to(), "why");
			assertThat(after.status()).isEqualTo(transition.to());
			assertThat(store.changes).singleElement()
				.satisfies((change) -> assertThat(change.from()).isEqualTo(transition.from()))
				.satisfies((change) -> assertThat(change.now()).isEqualTo(LocalDateTime.of(2026, 1, 2, 3, 4, 5)));
		}
	}

	@Test
	void transitionWhenIllegalShouldThrowWithoutTouchingTheStore() {
		RecordingStore store = new RecordingStore(true);
		StatusMachine machine = new StatusMachine(store.proxy(), new Schedule(new DtmServerProperties(), CLOCK),
				List.of());
		assertThatExceptionOfType(IllegalStatusTransitionException.class)
			.isThrownBy(() -> machine.transition(trans(GlobalStatus.SUCCEED), GlobalStatus.FAILED, null))
			.withMessageContaining("from succeed to failed");
		assertThatExceptionOfType(IllegalStatusTransitionException.class)
			.isThrownBy(() -> machine.transition(trans(GlobalStatus.ABORTING), GlobalStatus.SUCCEED, null));
		assertThat(store.changes).isEmpty();
	}

	@Test
	void transitionWhenGuardFailsShouldReportAStaleTransaction() {
		StatusMachine machine = new StatusMachine(new RecordingStore(false).proxy(),
				new Schedule(new DtmServerProperties(), CLOCK), List.of());
		assertThatExceptionOfType(StaleTransactionException.class)
			.isThrownBy(() -> machine.transition(trans(GlobalStatus.SUBMITTED), GlobalStatus.SUCCEED, null))
			.withMessageContaining("no longer submitted");
	}

	private static GlobalTrans trans(GlobalStatus status) {
		LocalDateTime now = LocalDateTime.now(CLOCK);
		return new GlobalTrans(1, "g", TransType.SAGA, status, "", "http", now, now, null, null, TransOptions.NONE, "",
				10, now, "", "", "", "");
	}

	/**
	 * A store stand-in that records status changes; only {@code changeStatus} is used
	 * here.
	 */
	private static final class RecordingStore {

		final List<StatusChange> changes = new ArrayList<>();

		private final boolean applies;

		RecordingStore(boolean applies) {
			this.applies = applies;
		}

		TransStore proxy() {
			return (TransStore) java.lang.reflect.Proxy.newProxyInstance(TransStore.class.getClassLoader(),
					new Class<?>[] { TransStore.class }, (p, method, args) -> {
						if (method.getName().equals("changeStatus")) {
							this.changes.add((StatusChange) args[0]);
							return this.applies;
						}
						throw new UnsupportedOperationException(method.getName());
					});
		}

	}

}
