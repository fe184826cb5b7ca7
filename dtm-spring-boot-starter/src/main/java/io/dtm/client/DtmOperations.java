package io.dtm.client;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * What an application does with the DTM coordinator: start sagas, TCC and XA global
 * transactions and two-phase messages, and look transactions up. Implemented by
 * {@link DtmTemplate}; depend on this interface so tests can mock it.
 * <p>
 * Every method throws {@link DtmCoordinatorUnavailableException} when the coordinator
 * stays unreachable after the configured retries, {@link DtmCoordinatorErrorException}
 * when it answers an error (5xx) or nothing within the read timeout (never re-sent),
 * {@link DtmRejectedException} when it refuses the call (409),
 * {@link DtmRequestException} when it finds the request malformed, and {@link DtmFailure}
 * when a {@code waitResult()} transaction ran and failed.
 */
public interface DtmOperations {

	/**
	 * A new unique gid from the coordinator.
	 * @return the gid
	 */
	String newGid();

	/**
	 * Start defining a saga.
	 * @param gid the global transaction id (for example from {@link #newGid()})
	 * @return the first stage: add a step
	 */
	SagaStart saga(String gid);

	/**
	 * Start defining a two-phase message.
	 * @param gid the global transaction id
	 * @return the first stage: add a step
	 */
	MsgStart msg(String gid);

	/**
	 * A TCC global transaction with options; run it with
	 * {@link GlobalTransaction#execute(Consumer)}.
	 * @param gid the global transaction id
	 * @return the transaction
	 */
	GlobalTransaction<Tcc> tcc(String gid);

	/**
	 * Run a TCC global transaction with default options.
	 * @param gid the global transaction id
	 * @param callback calls {@link Tcc#callBranch(Object, String, String, String)}
	 * @return the gid
	 * @see GlobalTransaction#execute(Consumer)
	 */
	default String tcc(String gid, Consumer<Tcc> callback) {
		return tcc(gid).execute(callback);
	}

	/**
	 * A handle to call nested TCC branches from inside a try handler of an existing
	 * transaction; their branch ids extend the parent's ({@code 01} → {@code 0101}).
	 * @param gid the gid of the running transaction
	 * @param parentBranchId the branch id of the try being handled
	 * @return the handle
	 */
	Tcc nestedTcc(String gid, String parentBranchId);

	/**
	 * An XA global transaction with options; run it with
	 * {@link GlobalTransaction#execute(Consumer)}.
	 * @param gid the global transaction id
	 * @return the transaction
	 */
	GlobalTransaction<Xa> xa(String gid);

	/**
	 * Run an XA global transaction with default options.
	 * @param gid the global transaction id
	 * @param callback calls {@link Xa#callBranch(Object, String)}
	 * @return the gid
	 * @see GlobalTransaction#execute(Consumer)
	 */
	default String xa(String gid, Consumer<Xa> callback) {
		return xa(gid).execute(callback);
	}

	/**
	 * Register an XA branch that has prepared locally, so the coordinator calls
	 * {@code phase2Url} with {@code op=commit} or {@code op=rollback}. Used by
	 * {@link io.dtm.client.xa.XaParticipant}.
	 * @param gid the gid
	 * @param branchId the branch id
	 * @param phase2Url the URL for phase 2
	 */
	void registerXaBranch(String gid, String branchId, String phase2Url);

	/**
	 * Look a transaction up.
	 * @param gid the gid
	 * @return the transaction and its branches, empty if the coordinator does not know
	 * the gid
	 */
	Optional<DtmTransaction> query(String gid);

}
