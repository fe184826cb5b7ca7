package io.dtm.samples.msg;

import java.util.Map;

import io.dtm.samples.bank.Accounts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The two-phase message sample: withdraws locally and, in the same database transaction,
 * records that the message may be sent ({@code POST /api/transfer}); the coordinator then
 * delivers TransIn, and asks {@code /api/QueryPrepared} if the initiator died in between.
 * Settings in {@code msg.yml}.
 */
@SpringBootApplication(scanBasePackageClasses = { MsgApplication.class, Accounts.class })
public class MsgApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(MsgApplication.class);
		// msg.yml instead of application.yml: every sample of this module has its own
		// file
		application.setDefaultProperties(Map.of("spring.config.name", "msg"));
		application.run(args);
	}

}
