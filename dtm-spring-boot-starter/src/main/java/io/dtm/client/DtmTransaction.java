package io.dtm.client;

import java.util.List;

import io.dtm.core.BranchView;
import io.dtm.core.GlobalStatus;
import io.dtm.core.GlobalTransactionView;

/**
 * A global transaction as the coordinator's {@code query} returns it.
 *
 * @param transaction the global transaction row
 * @param branches its branch operation rows, in processing order
 */
public record DtmTransaction(GlobalTransactionView transaction, List<BranchView> branches) {

	/**
	 * The transaction's status.
	 * @return the status
	 */
	public GlobalStatus status() {
		return GlobalStatus.fromWireValue(this.transaction.status());
	}

	/**
	 * The gid.
	 * @return the gid
	 */
	public String gid() {
		return this.transaction.gid();
	}

}
