package io.dtm.readme;

import java.time.Duration;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOperations;
import io.dtm.client.DtmTransaction;
import io.dtm.core.GlobalStatus;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Starts a saga: TransOut then TransIn, compensated in reverse when one of them refuses.
 */
@Service
public class SagaService {

	private final DtmOperations dtm;

	private final String bank;

	public SagaService(DtmOperations dtm, @Value("${bank.url:http://localhost:8080}") String bank) {
		this.dtm = dtm;
		this.bank = bank;
	}

	/**
	 * Move money and wait until the saga finished.
	 * @return the gid, or {@code null} when the saga was rolled back
	 */
	public String transfer(String from, String to, int amount) {
		String gid = this.dtm.newGid();
		try {
			return this.dtm.saga(gid)
				.step(this.bank + "/saga/TransOut", this.bank + "/saga/TransOutRevert", new Transfer(from, amount))
				.step(this.bank + "/saga/TransIn", this.bank + "/saga/TransInRevert", new Transfer(to, amount))
				.retryInterval(Duration.ofSeconds(10))
				.waitResult()
				.submit();
		}
		catch (DtmFailure ex) {
			// "saga <gid> failed: <reason>": a step refused, the done steps were
			// compensated
			return null;
		}
	}

	/**
	 * The status the coordinator holds for a gid.
	 */
	public GlobalStatus status(String gid) {
		return this.dtm.query(gid).map(DtmTransaction::status).orElseThrow();
	}

}
