package io.dtm.server.protocol;

import java.time.Duration;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.server.store.BranchCallLog;
import io.dtm.server.testsupport.ScriptedParticipant.Reply;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saga and msg protocol tests on the H2 store, and the branch call records a real
 * coordinator writes.
 */
class H2SagaMsgProtocolTests extends AbstractSagaMsgProtocolTests {

	@Autowired
	private BranchCallLog callLog;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@Test
	void sagaWhenAnActionAnswers500ThenSucceedsTheRecordShouldKeepTheFailedCall() {
		String gid = gid("saga-record");
		script(gid, "/TransIn", Reply.error());

		assertThat(post("submit", transfer(gid)).status()).isEqualTo(200);
		awaitStatus(gid, "succeed", Duration.ofSeconds(10));

		assertThat(callsTo(gid, "/TransIn")).hasSize(2);
		assertThat(this.callLog.find(gid)).singleElement().satisfies((record) -> {
			assertThat(record.branchId()).isEqualTo("02");
			assertThat(record.op()).isEqualTo(BranchOp.ACTION);
			assertThat(record.failedCalls()).isOne();
			assertThat(record.lastOutcome()).isEqualTo(BranchOutcome.ERROR);
			assertThat(record.lastCode()).isEqualTo("500");
			assertThat(record.lastError()).isEqualTo("HTTP 500 {\"message\":\"boom\"}");
			assertThat(record.lastTime()).isNotNull();
		});
	}

}
