package io.dtm.readme;

import java.util.Map;

import javax.sql.DataSource;

import io.dtm.client.DtmOperations;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.client.web.DtmReplies;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A two-phase message: withdraw locally, and the coordinator delivers TransIn at least
 * once after the local transaction committed. The check-back answers the coordinator if
 * this process dies between the commit and the submit.
 */
@RestController
public class MsgService {

	private final DtmOperations dtm;

	private final DataSource dataSource;

	private final JdbcBarrier jdbcBarrier;

	private final String bank;

	public MsgService(DtmOperations dtm, DataSource dataSource, JdbcBarrier jdbcBarrier,
			@Value("${bank.url:http://localhost:8080}") String bank) {
		this.dtm = dtm;
		this.dataSource = dataSource;
		this.jdbcBarrier = jdbcBarrier;
		this.bank = bank;
	}

	public String transfer(String from, String to, int amount) {
		return this.dtm.msg(this.dtm.newGid())
			.step(this.bank + "/saga/TransIn", new Transfer(to, amount))
			.doAndSubmitDb(this.bank + "/msg/QueryPrepared", this.dataSource,
					(tx) -> SagaBranches.withdraw(tx.jdbcTemplate(), new Transfer(from, amount)));
	}

	@GetMapping("/msg/QueryPrepared")
	public ResponseEntity<Map<String, Object>> queryPrepared(@RequestParam("gid") String gid) {
		// throws DtmFailure (answered 409) if the local transaction never committed
		this.jdbcBarrier.queryPrepared(gid);
		return DtmReplies.success();
	}

}
