package io.dtm.samples.tcc;

import java.util.Map;

import io.dtm.samples.bank.Accounts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The TCC sample: starts transfers ({@code POST /api/transfer}) as try-confirm-cancel and
 * serves the try, confirm and cancel handlers of TransOut and TransIn. Settings in
 * {@code tcc.yml}.
 */
@SpringBootApplication(scanBasePackageClasses = { TccApplication.class, Accounts.class })
public class TccApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(TccApplication.class);
		// tcc.yml instead of application.yml: every sample of this module has its own
		// file
		application.setDefaultProperties(Map.of("spring.config.name", "tcc"));
		application.run(args);
	}

}
