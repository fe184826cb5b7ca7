package io.dtm.server.engine;

/**
 * Calls a participant and classifies its reply. Implementations never throw: transport
 * failures become {@link io.dtm.core.BranchOutcome#ERROR}.
 */
public interface BranchInvoker {

	/**
	 * Call one branch.
	 * @param request the call
	 * @return the classified result
	 */
	BranchCallResult invoke(BranchRequest request);

}
