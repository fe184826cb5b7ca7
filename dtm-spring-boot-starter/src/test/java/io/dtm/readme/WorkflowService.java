package io.dtm.readme;

import io.dtm.client.workflow.DtmWorkflows;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * A workflow: TransOut then TransIn as plain Java code, each branch recorded by the
 * coordinator; a refusal runs the registered rollbacks in reverse.
 */
@Service
public class WorkflowService {

	private final DtmWorkflows workflows;

	public WorkflowService(DtmWorkflows workflows, @Value("${bank.url:http://localhost:8080}") String bank) {
		this.workflows = workflows;
		workflows.register("transfer", Transfer[].class, (wf, transfer) -> {
			wf.branch()
				.onRollback(bank + "/saga/TransOutRevert", transfer[0])
				.call(bank + "/saga/TransOut", transfer[0]);
			Integer fee = wf.local("fee", Integer.class, (barrier) -> transfer[0].amount() / 100);
			wf.branch().onRollback(bank + "/saga/TransInRevert", transfer[1]).call(bank + "/saga/TransIn", transfer[1]);
			return fee;
		});
	}

	public int transfer(String gid, String from, String to, int amount) {
		// throws DtmFailure when a branch refused (after the rollbacks ran)
		Transfer[] transfer = { new Transfer(from, amount), new Transfer(to, amount) };
		return this.workflows.execute("transfer", gid, transfer).as(Integer.class);
	}

}
