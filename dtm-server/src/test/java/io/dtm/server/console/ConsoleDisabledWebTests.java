package io.dtm.server.console;

import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Without configured users the console is not served: {@code /} says how to enable it
 * (never a 404), and every console page and action leads there.
 */
@Tag("integration")
@SpringBootTest
@AutoConfigureMockMvc
class ConsoleDisabledWebTests {

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@Test
	void whenNoUserIsConfiguredShouldExplainHowToEnableTheConsole() throws Exception {
		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The operator console is disabled")))
			.andExpect(content().string(containsString("no console user is configured")))
			.andExpect(content().string(containsString("dtm.server.console")));
	}

	@Test
	void whenNoUserIsConfiguredShouldSendConsolePagesAndActionsToTheExplanation() throws Exception {
		this.mvc.perform(get("/console/transactions")).andExpect(redirectedUrl("/"));
		this.mvc.perform(get("/login")).andExpect(redirectedUrl("/"));
		this.mvc.perform(post("/console/transaction/force-stop").param("gid", "g").param("reason", "r"))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void whenNoUserIsConfiguredShouldSaySoInTheDiagnosticsEndpoint() throws Exception {
		this.mvc.perform(get("/actuator/dtm"))
			.andExpect(jsonPath("$.console.enabled").value(false))
			.andExpect(jsonPath("$.console.reason").value(containsString("no console user is configured")));
	}

}
