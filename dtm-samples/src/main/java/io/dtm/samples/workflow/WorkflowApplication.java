package io.dtm.samples.workflow;

import java.util.Map;

import io.dtm.samples.bank.Accounts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The workflow sample: runs the transfer as a dtm workflow ({@code POST /api/transfer})
 * and serves the deposit branch it calls ({@code /api/TransIn} and its compensation). The
 * coordinator resumes a workflow this process left unfinished through the starter's
 * resume endpoint. Settings in {@code workflow.yml}.
 */
@SpringBootApplication(scanBasePackageClasses = { WorkflowApplication.class, Accounts.class })
public class WorkflowApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(WorkflowApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", "workflow"));
		application.run(args);
	}

}
