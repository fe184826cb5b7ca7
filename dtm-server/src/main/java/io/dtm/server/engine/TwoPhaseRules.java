package io.dtm.server.engine;

import java.time.Duration;

import io.dtm.core.GlobalStatus;

/**
 * Timeout handling shared by tcc and xa: a prepared transaction past its timeout is
 * aborted; one not yet timed out is looked at again when it would time out.
 */
final class TwoPhaseRules {

	private TwoPhaseRules() {
	}

	static void abortIfTimedOut(TransPass pass) {
		if (pass.status() != GlobalStatus.PREPARED) {
			return;
		}
		Duration timeout = pass.schedule().timeout(pass.trans());
		if (pass.isTimedOut()) {
			pass.transition(GlobalStatus.ABORTING, "Timeout after " + timeout.toSeconds() + " seconds");
		}
		else {
			pass.scheduleAt(pass.schedule().timeoutAt(pass.trans()));
		}
	}

}
