package io.dtm.samples.xa;

import java.util.Map;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOperations;
import io.dtm.client.xa.XaParticipant;
import io.dtm.samples.bank.Accounts;
import io.dtm.samples.bank.Transfer;
import io.dtm.samples.bank.TransferResult;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The initiator ({@code POST /api/transfer}) and the two XA branches. Each branch URL
 * answers twice: first {@code op=action} (the SQL runs between {@code XA START} and
 * {@code XA PREPARE} on a dedicated connection), later {@code op=commit} or
 * {@code op=rollback} from the coordinator, without a body.
 */
@RestController
@RequestMapping("/api")
class XaController {

	private final DtmOperations dtm;

	private final XaParticipant xa;

	private final Accounts accounts;

	private final String bankUrl;

	XaController(DtmOperations dtm, XaParticipant xa, Accounts accounts, @Value("${sample.bank-url}") String bankUrl) {
		this.dtm = dtm;
		this.xa = xa;
		this.accounts = accounts;
		this.bankUrl = bankUrl;
	}

	/**
	 * Start a transfer: both branches prepare here, one after the other; then the
	 * transaction is submitted and the coordinator commits them. {@code to=99} (no such
	 * account) makes TransIn refuse: the transaction is aborted and the coordinator rolls
	 * the prepared TransOut back.
	 */
	@PostMapping("/transfer")
	ResponseEntity<TransferResult> transfer(@RequestParam long from, @RequestParam long to, @RequestParam int amount) {
		String gid = this.dtm.newGid();
		try {
			this.dtm.xa(gid, (xa) -> {
				xa.callBranch(new Transfer(from, amount), this.bankUrl + "/TransOut");
				xa.callBranch(new Transfer(to, amount), this.bankUrl + "/TransIn");
			});
			return ResponseEntity.ok(new TransferResult(gid, "prepared and submitted: the coordinator commits"));
		}
		catch (DtmFailure ex) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(new TransferResult(gid, "aborted, the coordinator rolls back: " + ex.getMessage()));
		}
	}

	@PostMapping("/TransOut")
	void transOut(@RequestParam Map<String, String> query, @RequestBody(required = false) Transfer transfer) {
		this.xa.handle(query, (jdbc) -> this.accounts.withdraw(jdbc, transfer));
	}

	@PostMapping("/TransIn")
	void transIn(@RequestParam Map<String, String> query, @RequestBody(required = false) Transfer transfer) {
		this.xa.handle(query, (jdbc) -> this.accounts.deposit(jdbc, transfer));
	}

}
