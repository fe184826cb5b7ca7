package io.dtm.samples.msg;

import io.dtm.client.DtmOperations;
import io.dtm.client.Msg;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.core.BranchOp;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import io.dtm.samples.bank.Accounts;
import io.dtm.samples.bank.Transfer;
import io.dtm.samples.testsupport.SampleApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-phase message sample against the real coordinator, driven like the README's
 * {@code curl} lines, plus the check-back after an initiator that died between its local
 * commit and the submit.
 */
@Tag("integration")
class MsgSampleTests {

	private static SampleApp sample;

	@BeforeAll
	static void start() {
		sample = SampleApp.start(MsgApplication.class, "msg");
	}

	@AfterAll
	static void stop() {
		if (sample != null) {
			sample.close();
		}
	}

	@BeforeEach
	void resetAccounts() {
		sample.resetAccounts();
	}

	@Test
	void whenTransferSucceedsShouldDeliverTheDeposit() {
		SampleApp.Reply reply = sample.transfer("from=1&to=2&amount=30");
		assertThat(reply.status()).isEqualTo(200);
		sample.awaitOutcome(reply.gid(), GlobalStatus.SUCCEED, 70, 130, 100);
	}

	@Test
	void whenBalanceIsTooLowShouldAbortTheMessage() {
		SampleApp.Reply reply = sample.transfer("from=1&to=2&amount=500");
		assertThat(reply.status()).isEqualTo(409);
		assertThat(reply.body()).extractingByKey("outcome").asString().contains("insufficient balance");
		sample.awaitOutcome(reply.gid(), GlobalStatus.FAILED, 100, 100, 100);
	}

	@Test
	void whenInitiatorDiesAfterTheLocalCommitShouldSubmitOnCheckBack() {
		DtmOperations dtm = sample.context().getBean(DtmOperations.class);
		String bankUrl = sample.context().getEnvironment().getRequiredProperty("sample.bank-url");
		String gid = dtm.newGid();
		dtm.msg(gid).step(bankUrl + "/TransIn", new Transfer(2, 30)).prepare(bankUrl + "/QueryPrepared");
		// the local work commits with the barrier row, then the initiator "dies" before
		// submit
		sample.context()
			.getBean(JdbcBarrier.class)
			.call(BranchBarrier.of(TransType.MSG, gid, Msg.CHECK_BRANCH_ID, BranchOp.MSG),
					(tx) -> sample.context().getBean(Accounts.class).withdraw(tx.jdbcTemplate(), new Transfer(1, 30)));
		sample.awaitOutcome(gid, GlobalStatus.SUCCEED, 70, 130, 100);
	}

}
