package io.dtm.client;

import java.util.function.Consumer;

import io.dtm.core.TransOptions;
import io.dtm.core.TransRequest;
import io.dtm.core.TransType;

/**
 * A TCC or XA global transaction driven by a callback: prepare, run the callback (which
 * calls branches), then submit; abort when the callback throws. Created by
 * {@link DtmOperations#tcc(String)} and {@link DtmOperations#xa(String)}.
 *
 * @param <T> the branch-calling handle given to the callback ({@link Tcc} or {@link Xa})
 */
public final class GlobalTransaction<T> extends TransactionOptions<GlobalTransaction<T>> {

	private final TransType type;

	private final java.util.function.Function<GlobalTransaction<T>, T> handles;

	GlobalTransaction(DtmTemplate template, String gid, TransType type,
			java.util.function.Function<GlobalTransaction<T>, T> handles) {
		super(template, gid);
		this.type = type;
		this.handles = handles;
	}

	/**
	 * Run the global transaction. The callback's branches are registered with the
	 * coordinator as they are called. When the callback returns, the transaction is
	 * submitted and the coordinator confirms (tcc) or commits (xa) every branch. When it
	 * throws (including {@link DtmFailure} from a branch that refused), the transaction
	 * is aborted, the coordinator cancels or rolls back the branches, and the exception
	 * is rethrown with any abort error attached as suppressed.
	 * @param callback the branches to call
	 * @return the gid
	 * @throws DtmFailure when a branch refused, or with {@code waitResult()} when the
	 * transaction failed ({@code tcc <gid> failed: <reason>})
	 * @throws DtmCoordinatorErrorException with {@code waitResult()}, when confirm/commit
	 * hit a branch error; the coordinator keeps retrying it
	 */
	public String execute(Consumer<T> callback) {
		CoordinatorClient client = this.template.client();
		client.send("prepare", request(null));
		try {
			callback.accept(this.handles.apply(this));
		}
		catch (RuntimeException | Error ex) {
			try {
				client.send("abort", request(String.valueOf(ex.getMessage())));
			}
			catch (RuntimeException abortError) {
				ex.addSuppressed(abortError);
			}
			throw ex;
		}
		client.send("submit", request(null));
		return this.gid;
	}

	TransType type() {
		return this.type;
	}

	private TransRequest request(String rollbackReason) {
		TransOptions options = options(false);
		return new TransRequest(this.gid, this.type.wireValue(), null, null, null, null, null, options.waitResult(),
				options.timeoutToFail(), options.requestTimeout(), options.retryInterval(), options.branchHeaders(),
				false, 0, 0, rollbackReason, null);
	}

}
