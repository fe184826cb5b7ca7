package io.dtm.samples.msg;

import java.util.Map;

import javax.sql.DataSource;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOperations;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.client.web.DtmReplies;
import io.dtm.samples.bank.Accounts;
import io.dtm.samples.bank.Transfer;
import io.dtm.samples.bank.TransferResult;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The initiator ({@code POST /api/transfer}), the check-back ({@code /api/QueryPrepared})
 * and the one step of the message ({@code /api/TransIn}). A message is never rolled back
 * once submitted, so only the local withdrawal may refuse; TransIn is retried until it
 * succeeds.
 */
@RestController
@RequestMapping("/api")
class MsgController {

	private final DtmOperations dtm;

	private final Accounts accounts;

	private final DataSource dataSource;

	private final JdbcBarrier jdbcBarrier;

	private final String bankUrl;

	MsgController(DtmOperations dtm, Accounts accounts, DataSource dataSource, JdbcBarrier jdbcBarrier,
			@Value("${sample.bank-url}") String bankUrl) {
		this.dtm = dtm;
		this.accounts = accounts;
		this.dataSource = dataSource;
		this.jdbcBarrier = jdbcBarrier;
		this.bankUrl = bankUrl;
	}

	/**
	 * Start a transfer: prepare the message, withdraw locally (the barrier row commits in
	 * the same transaction), submit; the coordinator then delivers TransIn. An amount
	 * above the balance makes the withdrawal refuse, and the message is aborted.
	 */
	@PostMapping("/transfer")
	ResponseEntity<TransferResult> transfer(@RequestParam long from, @RequestParam long to, @RequestParam int amount) {
		String gid = this.dtm.newGid();
		try {
			this.dtm.msg(gid)
				.step(this.bankUrl + "/TransIn", new Transfer(to, amount))
				.doAndSubmitDb(this.bankUrl + "/QueryPrepared", this.dataSource,
						(tx) -> this.accounts.withdraw(tx.jdbcTemplate(), new Transfer(from, amount)));
			return ResponseEntity
				.ok(new TransferResult(gid, "withdrawn and submitted: the coordinator delivers TransIn"));
		}
		catch (DtmFailure ex) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(new TransferResult(gid, "aborted, nothing is delivered: " + ex.getMessage()));
		}
	}

	/**
	 * The coordinator's question for a message that was prepared but neither submitted
	 * nor aborted (the initiator died): did the local transaction commit? 200 submits the
	 * message, 409 fails it.
	 */
	@GetMapping("/QueryPrepared")
	ResponseEntity<Map<String, Object>> queryPrepared(@RequestParam String gid) {
		this.jdbcBarrier.queryPrepared(gid);
		return DtmReplies.success();
	}

	@PostMapping("/TransIn")
	void transIn(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.deposit(tx.jdbcTemplate(), transfer));
	}

}
