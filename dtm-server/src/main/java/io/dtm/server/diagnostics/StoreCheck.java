package io.dtm.server.diagnostics;

import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.function.Function;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.server.store.TransStore;

/**
 * Pings the transaction store and classifies a failure.
 */
public class StoreCheck implements DiagnosticCheck {

	private final TransStore store;

	private final Function<Throwable, Diagnosis> classifier;

	public StoreCheck(TransStore store, Function<Throwable, Diagnosis> classifier) {
		this.store = store;
		this.classifier = classifier;
	}

	@Override
	public String name() {
		return "store";
	}

	@Override
	public Optional<Diagnosis> run() {
		try {
			this.store.ping();
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			return Optional.of(this.classifier.apply(ex));
		}
	}

	/**
	 * The store's timeout cause: D1001 "connect or socket timeout" for the SQL store,
	 * D1002 "connect or command timeout" for Redis.
	 */
	@Override
	public Diagnosis timedOut(String error) {
		return this.classifier.apply(new SocketTimeoutException(error));
	}

}
