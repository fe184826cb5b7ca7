package io.dtm.e2e.bank;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.client.barrier.BranchBarrier;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.client.web.DtmReplies;
import io.dtm.client.xa.XaParticipant;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Branch handlers of every mode, written as a starter user would.
 */
@RestController
public class BankController {

	private final Accounts accounts;

	private final JdbcTemplate jdbc;

	private final JdbcBarrier jdbcBarrier;

	private final XaParticipant xa;

	private final Map<String, AtomicInteger> brokenCalls = new ConcurrentHashMap<>();

	BankController(Accounts accounts, JdbcTemplate jdbc, JdbcBarrier jdbcBarrier, XaParticipant xa) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.jdbcBarrier = jdbcBarrier;
		this.xa = xa;
	}

	@PostMapping("/saga/TransOut")
	ResponseEntity<Map<String, Object>> sagaTransOut(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.withdraw(tx.jdbcTemplate(), transfer));
		return done(transfer, barrier, "/saga/TransOut");
	}

	@PostMapping("/saga/TransOutRevert")
	ResponseEntity<Map<String, Object>> sagaTransOutRevert(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.deposit(tx.jdbcTemplate(), transfer));
		return done(transfer, barrier, "/saga/TransOutRevert");
	}

	@PostMapping("/saga/TransIn")
	ResponseEntity<Map<String, Object>> sagaTransIn(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.deposit(tx.jdbcTemplate(), transfer));
		return done(transfer, barrier, "/saga/TransIn");
	}

	@PostMapping("/saga/TransInRevert")
	ResponseEntity<Map<String, Object>> sagaTransInRevert(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.withdraw(tx.jdbcTemplate(), transfer));
		return done(transfer, barrier, "/saga/TransInRevert");
	}

	@PostMapping("/tcc/TransOutTry")
	ResponseEntity<Map<String, Object>> tccTransOutTry(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.freeze(tx.jdbcTemplate(), transfer));
		return done(transfer, barrier, "/tcc/TransOutTry");
	}

	@PostMapping("/tcc/TransOutConfirm")
	ResponseEntity<Map<String, Object>> tccTransOutConfirm(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.unfreeze(tx.jdbcTemplate(), transfer, false));
		return done(transfer, barrier, "/tcc/TransOutConfirm");
	}

	@PostMapping("/tcc/TransOutCancel")
	ResponseEntity<Map<String, Object>> tccTransOutCancel(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.unfreeze(tx.jdbcTemplate(), transfer, true));
		return done(transfer, barrier, "/tcc/TransOutCancel");
	}

	@PostMapping("/tcc/TransInTry")
	ResponseEntity<Map<String, Object>> tccTransInTry(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.checkOpen(tx.jdbcTemplate(), transfer));
		return done(transfer, barrier, "/tcc/TransInTry");
	}

	@PostMapping("/tcc/TransInConfirm")
	ResponseEntity<Map<String, Object>> tccTransInConfirm(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.deposit(tx.jdbcTemplate(), transfer));
		return done(transfer, barrier, "/tcc/TransInConfirm");
	}

	@PostMapping("/tcc/TransInCancel")
	ResponseEntity<Map<String, Object>> tccTransInCancel(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> {
		});
		return done(transfer, barrier, "/tcc/TransInCancel");
	}

	@PostMapping("/xa/TransOut")
	ResponseEntity<Map<String, Object>> xaTransOut(@RequestParam Map<String, String> query,
			@RequestBody(required = false) Transfer transfer) {
		this.xa.handle(query, (jdbc) -> this.accounts.withdraw(jdbc, transfer));
		return xaDone(transfer, query, "/xa/TransOut");
	}

	@PostMapping("/xa/TransIn")
	ResponseEntity<Map<String, Object>> xaTransIn(@RequestParam Map<String, String> query,
			@RequestBody(required = false) Transfer transfer) {
		this.xa.handle(query, (jdbc) -> this.accounts.deposit(jdbc, transfer));
		return xaDone(transfer, query, "/xa/TransIn");
	}

	@PostMapping("/msg/TransIn")
	ResponseEntity<Map<String, Object>> msgTransIn(@RequestBody Transfer transfer, BranchBarrier barrier) {
		barrier.call((tx) -> this.accounts.deposit(tx.jdbcTemplate(), transfer));
		return done(transfer, barrier, "/msg/TransIn");
	}

	@GetMapping("/msg/QueryPrepared")
	ResponseEntity<Map<String, Object>> queryPrepared(@RequestParam("gid") String gid) {
		this.jdbcBarrier.queryPrepared(gid);
		return DtmReplies.success();
	}

	private ResponseEntity<Map<String, Object>> done(Transfer transfer, BranchBarrier barrier, String path) {
		if (barrier.getOp() == io.dtm.core.BranchOp.TRY) {
			return DtmReplies.success();
		}
		this.accounts.maybeFailAfterCommit(transfer, barrier.getGid() + path + "@" + barrier.getOp());
		return DtmReplies.success();
	}

	/**
	 * XA phase 2 has no body (dtm registers XA branches without data), so the one-time
	 * failure is asked for with a query parameter of the branch URL.
	 */
	private ResponseEntity<Map<String, Object>> xaDone(Transfer transfer, Map<String, String> query, String path) {
		if ("commit".equals(query.get("op")) && "true".equals(query.get("flaky"))) {
			this.accounts.maybeFailAfterCommit(Transfer.flaky("", 0), query.get("gid") + path + "@commit");
		}
		return DtmReplies.success();
	}

	/**
	 * A branch whose server is broken: counts its calls per gid and answers 500.
	 * @param gid the gid
	 * @return 500
	 */
	@PostMapping("/broken")
	ResponseEntity<Map<String, Object>> broken(@RequestParam("gid") String gid) {
		this.brokenCalls.computeIfAbsent(gid, (key) -> new AtomicInteger()).incrementAndGet();
		return ResponseEntity.internalServerError().body(Map.of("message", "bank is broken"));
	}

	@PostMapping("/noop")
	ResponseEntity<Map<String, Object>> noop() {
		return DtmReplies.success();
	}

	public int brokenCalls(String gid) {
		AtomicInteger calls = this.brokenCalls.get(gid);
		return (calls != null) ? calls.get() : 0;
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

}
