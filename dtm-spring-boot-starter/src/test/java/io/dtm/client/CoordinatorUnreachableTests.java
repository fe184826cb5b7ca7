package io.dtm.client;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the words {@link DtmTemplate} uses when a coordinator call does not reach the
 * coordinator, with every HTTP client Spring Boot can pick and a really closed port.
 */
class CoordinatorUnreachableTests {

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "httpcomponents", "simple" })
	void whenPortIsClosedShouldNameTheUrlAndConnectionRefused(String client) {
		DtmTemplate dtm = template(client, "http://127.0.0.1:1");
		assertThatExceptionOfType(DtmCoordinatorUnavailableException.class).isThrownBy(dtm::newGid).satisfies((ex) -> {
			assertThat(ex.getUrl()).isEqualTo("http://127.0.0.1:1/api/dtmsvr/newGid");
			assertThat(ex.getReason()).isEqualTo("connection refused");
		})
			.withMessage("dtm coordinator unavailable: newGid did not reach http://127.0.0.1:1/api/dtmsvr/newGid: "
					+ "connection refused");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "httpcomponents", "simple" })
	void whenHostIsUnknownShouldSayUnknownHost(String client) {
		DtmTemplate dtm = template(client, "http://no-such-host.invalid:36789");
		assertThatExceptionOfType(DtmCoordinatorUnavailableException.class)
			.isThrownBy(() -> dtm.saga("g1").step("http://a", "http://b", null).submit())
			.satisfies((ex) -> assertThat(ex.getReason()).startsWith("unknown host"))
			.withMessageStartingWith("dtm coordinator unavailable: submit of gid 'g1' did not reach "
					+ "http://no-such-host.invalid:36789/api/dtmsvr/submit: unknown host");
	}

	private static DtmTemplate template(String client, String url) {
		ClientHttpRequestFactorySettings settings = ClientHttpRequestFactorySettings.defaults()
			.withConnectTimeout(Duration.ofSeconds(2))
			.withReadTimeout(Duration.ofSeconds(2));
		ClientHttpRequestFactoryBuilder<?> builder = switch (client) {
			case "jdk" -> ClientHttpRequestFactoryBuilder.jdk();
			case "httpcomponents" -> ClientHttpRequestFactoryBuilder.httpComponents();
			default -> ClientHttpRequestFactoryBuilder.simple();
		};
		RestClient rest = RestClient.builder().requestFactory(builder.build(settings)).build();
		return new DtmTemplate(rest, () -> url, RetryTemplate.builder().maxAttempts(1).build(), new ObjectMapper());
	}

}
