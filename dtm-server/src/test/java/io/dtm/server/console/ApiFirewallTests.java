package io.dtm.server.console;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw requests to a running coordinator with the console enabled: dtm's API takes the
 * paths Tomcat passes on (encoded {@code %} and {@code ;} in a topic name) as it did
 * before Spring Security came, while console paths and traversal attempts are still
 * refused by the strict firewall.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiFirewallTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
		registry.add("dtm.server.console.users[0].name", () -> "olga");
		registry.add("dtm.server.console.users[0].password", () -> new BCryptPasswordEncoder(4).encode("secret"));
		registry.add("dtm.server.console.users[0].roles", () -> "OPERATOR");
	}

	@Test
	void whenATopicNameHasAnEncodedPercentOrSemicolonShouldReachTheApi() throws IOException {
		assertThat(request("DELETE /api/dtmsvr/topic/a%25b")).startsWith("HTTP/1.1 500")
			.contains("topic 'a%b' not found");
		assertThat(request("DELETE /api/dtmsvr/topic/a%3Bb")).startsWith("HTTP/1.1 500")
			.contains("topic 'a;b' not found");
	}

	@Test
	void whenAPathTriesTraversalShouldRefuseItEvenUnderTheApi() throws IOException {
		assertThat(request("GET /api/dtmsvr/..;/..;/console/transactions")).startsWith("HTTP/1.1 400");
		assertThat(request("GET /api/%2e%2e/console/transactions")).startsWith("HTTP/1.1 400");
	}

	@Test
	void whenAConsolePathHasAnEncodedPercentShouldRefuseIt() throws IOException {
		assertThat(request("GET /console/transaction%25")).startsWith("HTTP/1.1 400");
		assertThat(request("GET /console/transactions;x=1")).startsWith("HTTP/1.1 400");
	}

	private String request(String line) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream()
				.write((line + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
