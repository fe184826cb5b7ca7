package io.dtm.e2e.bank;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A participant application that uses the starter: one account table, branch handlers for
 * every mode.
 */
@SpringBootApplication
public class BankApplication {

}
