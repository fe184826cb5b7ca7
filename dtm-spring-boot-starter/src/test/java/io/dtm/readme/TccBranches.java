package io.dtm.readme;

import java.util.Map;

import io.dtm.client.DtmFailure;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.client.web.DtmReplies;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Try, confirm and cancel of both branches. TransOut's try freezes the amount, its
 * confirm spends it, its cancel releases it; TransIn's try checks the account, its
 * confirm deposits. A cancel whose try never ran is skipped, and a try that arrives after
 * its cancel does nothing.
 */
@RestController
public class TccBranches {

	@PostMapping("/tcc/TransOutTry")
	public ResponseEntity<Map<String, Object>> transOutTry(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> {
			int updated = tx.jdbcTemplate()
				.update("UPDATE account SET frozen = frozen + ? WHERE id = ? AND balance - frozen >= ?",
						transfer.amount(), transfer.account(), transfer.amount());
			if (updated == 0) {
				throw DtmFailure.of("insufficient balance in " + transfer.account());
			}
		});
		return DtmReplies.success();
	}

	@PostMapping("/tcc/TransOutConfirm")
	public ResponseEntity<Map<String, Object>> transOutConfirm(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> tx.jdbcTemplate()
			.update("UPDATE account SET frozen = frozen - ?, balance = balance - ? WHERE id = ?", transfer.amount(),
					transfer.amount(), transfer.account()));
		return DtmReplies.success();
	}

	@PostMapping("/tcc/TransOutCancel")
	public ResponseEntity<Map<String, Object>> transOutCancel(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> tx.jdbcTemplate()
			.update("UPDATE account SET frozen = frozen - ? WHERE id = ?", transfer.amount(), transfer.account()));
		return DtmReplies.success();
	}

	@PostMapping("/tcc/TransInTry")
	public ResponseEntity<Map<String, Object>> transInTry(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> {
			Integer accounts = tx.jdbcTemplate()
				.queryForObject("SELECT COUNT(*) FROM account WHERE id = ?", Integer.class, transfer.account());
			if (accounts == null || accounts == 0) {
				throw DtmFailure.of("no account " + transfer.account());
			}
		});
		return DtmReplies.success();
	}

	@PostMapping("/tcc/TransInConfirm")
	public ResponseEntity<Map<String, Object>> transInConfirm(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> SagaBranches.deposit(tx.jdbcTemplate(), transfer));
		return DtmReplies.success();
	}

	@PostMapping("/tcc/TransInCancel")
	public ResponseEntity<Map<String, Object>> transInCancel(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> {
			// the try changed nothing: nothing to undo
		});
		return DtmReplies.success();
	}

}
