package io.dtm.readme;

import java.util.Map;

import io.dtm.client.DtmOperations;
import io.dtm.client.web.DtmReplies;
import io.dtm.client.xa.XaParticipant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An XA transaction on MySQL/MariaDB: each branch runs its SQL between XA START and XA
 * PREPARE; the coordinator calls the same URL with op=commit or op=rollback.
 */
@RestController
public class XaService {

	private final DtmOperations dtm;

	private final XaParticipant xa;

	private final String bank;

	public XaService(DtmOperations dtm, XaParticipant xa, @Value("${bank.url:http://localhost:8080}") String bank) {
		this.dtm = dtm;
		this.xa = xa;
		this.bank = bank;
	}

	public String transfer(String from, String to, int amount) {
		return this.dtm.xa(this.dtm.newGid(), (xa) -> {
			xa.callBranch(new Transfer(from, -amount), this.bank + "/xa/Adjust");
			xa.callBranch(new Transfer(to, amount), this.bank + "/xa/Adjust");
		});
	}

	@PostMapping("/xa/Adjust")
	public ResponseEntity<Map<String, Object>> adjust(@RequestParam Map<String, String> query,
			@RequestBody(required = false) Transfer transfer) {
		// phase 2 calls carry no body, hence required = false
		this.xa.handle(query, (jdbc) -> jdbc.update("UPDATE account SET balance = balance + ? WHERE id = ?",
				transfer.amount(), transfer.account()));
		return DtmReplies.success();
	}

}
