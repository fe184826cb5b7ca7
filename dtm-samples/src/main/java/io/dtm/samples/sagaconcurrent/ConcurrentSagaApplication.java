package io.dtm.samples.sagaconcurrent;

import java.util.Map;

import io.dtm.samples.bank.Accounts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The concurrent saga sample: starts transfers from one account to several
 * ({@code POST /api/transfer}) and serves their branches ({@code /api/TransOut},
 * {@code /api/TransIn} and their compensations), which the coordinator calls in parallel.
 * Settings in {@code saga-concurrent.yml}.
 */
@SpringBootApplication(scanBasePackageClasses = { ConcurrentSagaApplication.class, Accounts.class })
public class ConcurrentSagaApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ConcurrentSagaApplication.class);
		// saga-concurrent.yml instead of application.yml: every sample of this module has
		// its own file
		application.setDefaultProperties(Map.of("spring.config.name", "saga-concurrent"));
		application.run(args);
	}

}
