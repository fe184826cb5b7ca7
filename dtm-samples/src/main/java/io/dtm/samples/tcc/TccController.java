package io.dtm.samples.tcc;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOperations;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.samples.bank.Accounts;
import io.dtm.samples.bank.Transfer;
import io.dtm.samples.bank.TransferResult;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The initiator ({@code POST /api/transfer}) and the six handlers of the TCC transfer.
 * TransOut freezes the money in its try; TransIn only checks the receiver in its try and
 * pays in on confirm. The barrier makes every handler idempotent, skips a cancel whose
 * try never ran and ignores a try that arrives after its cancel.
 */
@RestController
@RequestMapping("/api")
class TccController {

	private final DtmOperations dtm;

	private final Accounts accounts;

	private final String bankUrl;

	TccController(DtmOperations dtm, Accounts accounts, @Value("${sample.bank-url}") String bankUrl) {
		this.dtm = dtm;
		this.accounts = accounts;
		this.bankUrl = bankUrl;
	}

	/**
	 * Start a transfer: both tries run here, one after the other; when both succeeded the
	 * transaction is submitted and the coordinator confirms. {@code to=99} (no such
	 * account) makes the TransIn try refuse: the transaction is aborted and the
	 * coordinator cancels the frozen TransOut.
	 */
	@PostMapping("/transfer")
	ResponseEntity<TransferResult> transfer(@RequestParam long from, @RequestParam long to, @RequestParam int amount) {
		String gid = this.dtm.newGid();
		try {
			this.dtm.tcc(gid, (tcc) -> {
				tcc.callBranch(new Transfer(from, amount), this.bankUrl + "/TransOutTry",
						this.bankUrl + "/TransOutConfirm", this.bankUrl + "/TransOutCancel");
				tcc.callBranch(new Transfer(to, amount), this.bankUrl + "/TransInTry", this.bankUrl + "/TransInConfirm",
						this.bankUrl + "/TransInCancel");
			});
			return ResponseEntity.ok(new TransferResult(gid, "tried and submitted: the coordinator confirms"));
		}
		catch (DtmFailure ex) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(new TransferResult(gid, "aborted, the coordinator cancels: " + ex.getMessage()));
		}
	}

	@PostMapping("/TransOutTry")
	void transOutTry(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.freeze(tx.jdbcTemplate(), transfer));
	}

	@PostMapping("/TransOutConfirm")
	void transOutConfirm(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.settleFrozen(tx.jdbcTemplate(), transfer));
	}

	@PostMapping("/TransOutCancel")
	void transOutCancel(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.unfreeze(tx.jdbcTemplate(), transfer));
	}

	@PostMapping("/TransInTry")
	void transInTry(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.requireAccount(tx.jdbcTemplate(), transfer));
	}

	@PostMapping("/TransInConfirm")
	void transInConfirm(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.deposit(tx.jdbcTemplate(), transfer));
	}

	@PostMapping("/TransInCancel")
	void transInCancel(@RequestBody Transfer transfer, BranchBarrier barrier) {
		// nothing to undo, but the barrier row still stops a late try
		barrier.call((tx) -> {
		});
	}

}
