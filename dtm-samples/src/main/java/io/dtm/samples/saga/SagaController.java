package io.dtm.samples.saga;

import io.dtm.client.DtmOperations;
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
 * The initiator ({@code POST /api/transfer}) and the four branch handlers of the saga.
 * Every handler runs its SQL inside {@link BranchBarrier#call}: a repeated call does
 * nothing, a compensation whose action never ran is skipped, and an action arriving after
 * its compensation is ignored.
 */
@RestController
@RequestMapping("/api")
class SagaController {

	private final DtmOperations dtm;

	private final Accounts accounts;

	private final String bankUrl;

	SagaController(DtmOperations dtm, Accounts accounts, @Value("${sample.bank-url}") String bankUrl) {
		this.dtm = dtm;
		this.accounts = accounts;
		this.bankUrl = bankUrl;
	}

	/**
	 * Start a transfer. {@code to=99} (no such account) makes TransIn refuse, so the
	 * coordinator compensates TransOut.
	 */
	@PostMapping("/transfer")
	TransferResult transfer(@RequestParam long from, @RequestParam long to, @RequestParam int amount) {
		String gid = this.dtm.saga(this.dtm.newGid())
			.step(this.bankUrl + "/TransOut", this.bankUrl + "/TransOutRevert", new Transfer(from, amount))
			.step(this.bankUrl + "/TransIn", this.bankUrl + "/TransInRevert", new Transfer(to, amount))
			.submit();
		return new TransferResult(gid, "submitted: the coordinator calls TransOut, then TransIn");
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
