package io.dtm.readme;

import java.time.Duration;

import io.dtm.client.DtmOperations;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Starts a TCC transaction: both tries run here; the coordinator confirms both after
 * submit, or cancels the ones that ran when a try refuses (its DtmFailure is rethrown).
 */
@Service
public class TccService {

	private final DtmOperations dtm;

	private final String bank;

	public TccService(DtmOperations dtm, @Value("${bank.url:http://localhost:8080}") String bank) {
		this.dtm = dtm;
		this.bank = bank;
	}

	public String transfer(String from, String to, int amount) {
		return this.dtm.tcc(this.dtm.newGid()).timeoutToFail(Duration.ofSeconds(60)).execute((tcc) -> {
			tcc.callBranch(new Transfer(from, amount), this.bank + "/tcc/TransOutTry",
					this.bank + "/tcc/TransOutConfirm", this.bank + "/tcc/TransOutCancel");
			tcc.callBranch(new Transfer(to, amount), this.bank + "/tcc/TransInTry", this.bank + "/tcc/TransInConfirm",
					this.bank + "/tcc/TransInCancel");
		});
	}

}
