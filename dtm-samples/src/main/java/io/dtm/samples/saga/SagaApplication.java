package io.dtm.samples.saga;

import java.util.Map;

import io.dtm.samples.bank.Accounts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The saga sample: starts transfers ({@code POST /api/transfer}) and serves their
 * branches ({@code /api/TransOut}, {@code /api/TransIn} and their compensations).
 * Settings in {@code saga.yml}.
 */
@SpringBootApplication(scanBasePackageClasses = { SagaApplication.class, Accounts.class })
public class SagaApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SagaApplication.class);
		// saga.yml instead of application.yml: every sample of this module has its own
		// file
		application.setDefaultProperties(Map.of("spring.config.name", "saga"));
		application.run(args);
	}

}
