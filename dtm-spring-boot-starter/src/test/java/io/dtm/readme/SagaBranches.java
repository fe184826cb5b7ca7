package io.dtm.readme;

import java.util.Map;

import io.dtm.client.DtmFailure;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.client.web.DtmReplies;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The saga's branches. The barrier makes each one run at most once per gid, skips a
 * compensation whose action never ran, and commits its row with the business update.
 */
@RestController
public class SagaBranches {

	@PostMapping("/saga/TransOut")
	public ResponseEntity<Map<String, Object>> transOut(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> withdraw(tx.jdbcTemplate(), transfer));
		return DtmReplies.success();
	}

	@PostMapping("/saga/TransOutRevert")
	public ResponseEntity<Map<String, Object>> transOutRevert(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> deposit(tx.jdbcTemplate(), transfer));
		return DtmReplies.success();
	}

	@PostMapping("/saga/TransIn")
	public ResponseEntity<Map<String, Object>> transIn(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> deposit(tx.jdbcTemplate(), transfer));
		return DtmReplies.success();
	}

	@PostMapping("/saga/TransInRevert")
	public ResponseEntity<Map<String, Object>> transInRevert(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> withdraw(tx.jdbcTemplate(), transfer));
		return DtmReplies.success();
	}

	static void withdraw(JdbcTemplate jdbc, Transfer transfer) {
		int updated = jdbc.update("UPDATE account SET balance = balance - ? WHERE id = ? AND balance >= ?",
				transfer.amount(), transfer.account(), transfer.amount());
		if (updated == 0) {
			// answered 409 FAILURE: the coordinator rolls the saga back
			throw DtmFailure.of("insufficient balance in " + transfer.account());
		}
	}

	static void deposit(JdbcTemplate jdbc, Transfer transfer) {
		jdbc.update("UPDATE account SET balance = balance + ? WHERE id = ?", transfer.amount(), transfer.account());
	}

}
