package io.dtm.server.diagnostics;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticCause;

/**
 * A {@link DiagnosticCheck} for unit tests: passes, fails with D1001 "connection
 * refused", or hangs until released; counts its runs.
 */
final class ScriptedCheck implements DiagnosticCheck {

	private final String name;

	private final AtomicInteger runs = new AtomicInteger();

	private volatile boolean failing;

	private volatile CountDownLatch hang = new CountDownLatch(0);

	ScriptedCheck(String name) {
		this.name = name;
	}

	ScriptedCheck failing() {
		this.failing = true;
		return this;
	}

	ScriptedCheck hanging() {
		this.hang = new CountDownLatch(1);
		return this;
	}

	void release() {
		this.hang.countDown();
	}

	int runs() {
		return this.runs.get();
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Optional<Diagnosis> run() {
		this.runs.incrementAndGet();
		try {
			this.hang.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.failing
				? Optional
					.of(new Diagnosis(DiagnosticCause.DB_CONNECTION_REFUSED, "at db:3306", null, "Connection refused"))
				: Optional.empty();
	}

	@Override
	public Diagnosis timedOut(String error) {
		return new Diagnosis(DiagnosticCause.DB_TIMEOUT, "at db:3306", null, error);
	}

}
