package io.dtm.samples.sagaconcurrent;

import java.util.List;

import io.dtm.client.DtmOperations;
import io.dtm.client.Saga;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.samples.bank.Accounts;
import io.dtm.samples.bank.Transfer;
import io.dtm.samples.bank.TransferResult;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The initiator ({@code POST /api/transfer}) and the branch handlers of the concurrent
 * saga. The handlers are the same as in a sequential saga; the barrier matters even more
 * here, because a compensation can reach a branch before (or while) its action does.
 */
@RestController
@RequestMapping("/api")
class ConcurrentSagaController {

	private final DtmOperations dtm;

	private final Accounts accounts;

	private final String bankUrl;

	ConcurrentSagaController(DtmOperations dtm, Accounts accounts, @Value("${sample.bank-url}") String bankUrl) {
		this.dtm = dtm;
		this.accounts = accounts;
		this.bankUrl = bankUrl;
	}

	/**
	 * Pay {@code amount} from {@code from} to every {@code to}: one TransOut of the total
	 * and one TransIn per receiver, all started at once. {@code to=99} (no such account)
	 * makes that TransIn refuse, so the coordinator compensates every step that ran.
	 */
	@PostMapping("/transfer")
	TransferResult transfer(@RequestParam long from, @RequestParam List<Long> to, @RequestParam int amount) {
		Saga saga = this.dtm.saga(this.dtm.newGid())
			.step(this.bankUrl + "/TransOut", this.bankUrl + "/TransOutRevert", new Transfer(from, amount * to.size()));
		for (long receiver : to) {
			saga.step(this.bankUrl + "/TransIn", this.bankUrl + "/TransInRevert", new Transfer(receiver, amount));
		}
		// every step at once; saga.order(1, 0) would make step 1 wait for step 0
		String gid = saga.concurrent().submit();
		return new TransferResult(gid,
				"submitted: the coordinator calls TransOut and " + to.size() + " TransIn concurrently");
	}

	@PostMapping("/TransOut")
	void transOut(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.withdraw(tx.jdbcTemplate(), transfer));
	}

	@PostMapping("/TransOutRevert")
	void transOutRevert(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.revertWithdraw(tx.jdbcTemplate(), transfer));
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
