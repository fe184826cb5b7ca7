package io.dtm.samples.bank;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/accounts}: the balances, to see what a transfer did.
 */
@RestController
public class AccountsController {

	private final Accounts accounts;

	public AccountsController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/api/accounts")
	public List<Account> accounts() {
		return this.accounts.findAll();
	}

}
