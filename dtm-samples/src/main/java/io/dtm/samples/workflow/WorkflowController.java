package io.dtm.samples.workflow;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOperations;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.samples.bank.Accounts;
import io.dtm.samples.bank.Transfer;
import io.dtm.samples.bank.TransferResult;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The initiator ({@code POST /api/transfer} runs the {@link TransferWorkflow} to its end
 * and answers with its result) and the deposit branch the workflow calls. A workflow left
 * unfinished (a step's participant unreachable, this process stopped) is answered 202:
 * the coordinator resumes it through the starter's resume endpoint.
 */
@RestController
@RequestMapping("/api")
class WorkflowController {

	private final DtmOperations dtm;

	private final TransferWorkflow workflow;

	private final Accounts accounts;

	WorkflowController(DtmOperations dtm, TransferWorkflow workflow, Accounts accounts) {
		this.dtm = dtm;
		this.workflow = workflow;
		this.accounts = accounts;
	}

	/**
	 * Transfer {@code amount} from one account to another; {@code to=99} (no such
	 * account) makes the deposit refuse, so the withdrawal is rolled back.
	 */
	@PostMapping("/transfer")
	ResponseEntity<TransferResult> transfer(@RequestParam long from, @RequestParam long to, @RequestParam int amount) {
		String gid = this.dtm.newGid();
		try {
			String result = this.workflow.run(gid, new TransferOrder(from, to, amount)).asText();
			return ResponseEntity.ok(new TransferResult(gid, "succeed: " + result));
		}
		catch (DtmFailure ex) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(new TransferResult(gid, "failed, rolled back: " + ex.getMessage()));
		}
		catch (RuntimeException ex) {
			return ResponseEntity.status(HttpStatus.ACCEPTED)
				.body(new TransferResult(gid, "unfinished, the coordinator resumes it: " + ex.getMessage()));
		}
	}

	@PostMapping("/TransIn")
	void transIn(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.deposit(tx.jdbcTemplate(), transfer));
	}

	@PostMapping("/TransInRevert")
	void transInRevert(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.revertDeposit(tx.jdbcTemplate(), transfer));
	}

}
