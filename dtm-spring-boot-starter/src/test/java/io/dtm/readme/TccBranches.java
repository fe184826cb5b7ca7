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
 * TransOut's try, confirm and cancel: try freezes the amount, confirm spends it, cancel
 * releases it. A cancel whose try never ran is skipped, and a try that arrives after its
 * cancel does nothing. TransIn's branches look the same.
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

}
