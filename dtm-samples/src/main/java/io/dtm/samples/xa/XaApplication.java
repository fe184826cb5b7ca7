package io.dtm.samples.xa;

import java.util.Map;

import io.dtm.samples.bank.Accounts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The XA sample: starts transfers ({@code POST /api/transfer}) whose two branches are XA
 * transactions on MySQL or MariaDB, prepared by the branch and committed or rolled back
 * by the coordinator. Settings in {@code xa.yml}.
 */
@SpringBootApplication(scanBasePackageClasses = { XaApplication.class, Accounts.class })
public class XaApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(XaApplication.class);
		// xa.yml instead of application.yml: every sample of this module has its own file
		application.setDefaultProperties(Map.of("spring.config.name", "xa"));
		application.run(args);
	}

}
