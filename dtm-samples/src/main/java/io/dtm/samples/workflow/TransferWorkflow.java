package io.dtm.samples.workflow;

import io.dtm.client.workflow.DtmWorkflows;
import io.dtm.client.workflow.Workflow;
import io.dtm.client.workflow.WorkflowResult;
import io.dtm.samples.bank.Accounts;
import io.dtm.samples.bank.Transfer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The bank transfer as a dtm workflow, registered once at start-up under {@value #NAME}.
 * The code reads top to bottom like a local method:
 * <ol>
 * <li>branch 01, a local step: take the money out of the payer's account here, in this
 * application's database (undone by putting it back if the workflow fails);</li>
 * <li>branch 02, an HTTP branch: pay it in through {@code /TransIn} (undone by
 * {@code /TransInRevert}).</li>
 * </ol>
 * Every step runs inside the barrier and its outcome is recorded at the coordinator, so a
 * workflow resumed after a crash returns recorded steps instead of running them again. A
 * refusal ({@code DtmFailure}, e.g. no account 99) rolls back the steps that succeeded,
 * last first.
 */
@Component
class TransferWorkflow {

	static final String NAME = "transfer";

	private final DtmWorkflows workflows;

	private final Accounts accounts;

	private final String bankUrl;

	TransferWorkflow(DtmWorkflows workflows, Accounts accounts, @Value("${sample.bank-url}") String bankUrl) {
		this.workflows = workflows;
		this.accounts = accounts;
		this.bankUrl = bankUrl;
		workflows.register(NAME, TransferOrder.class, this::transfer);
	}

	/**
	 * Run the transfer for a gid (or resume it, if the gid exists).
	 * @param gid the gid
	 * @param order the transfer
	 * @return the workflow's result
	 */
	WorkflowResult run(String gid, TransferOrder order) {
		return this.workflows.execute(NAME, gid, order);
	}

	private String transfer(Workflow wf, TransferOrder order) {
		Transfer withdrawal = new Transfer(order.from(), order.amount());
		wf.branch()
			.onRollback((barrier) -> barrier.call((tx) -> this.accounts.revertWithdraw(tx.jdbcTemplate(), withdrawal)))
			.local(Void.class, (barrier) -> {
				barrier.call((tx) -> this.accounts.withdraw(tx.jdbcTemplate(), withdrawal));
				return null;
			});
		Transfer deposit = new Transfer(order.to(), order.amount());
		wf.branch().onRollback(this.bankUrl + "/TransInRevert", deposit).call(this.bankUrl + "/TransIn", deposit);
		return "transferred " + order.amount() + " from " + order.from() + " to " + order.to();
	}

}
