package io.dtm.autoconfigure;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.dtm.client.DtmConnectionDetails;
import io.dtm.client.DtmOperations;
import io.dtm.client.DtmTemplate;
import io.dtm.client.DtmTemplateCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link DtmClientAutoConfiguration} and {@link DtmDiscoveryAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DtmClientAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(DtmClientAutoConfiguration.class, DtmDiscoveryAutoConfiguration.class));

	@Test
	void whenAnApiTokenIsSetCallsToTheCoordinatorShouldCarryIt() throws Exception {
		List<String> authorizations = new CopyOnWriteArrayList<>();
		HttpServer coordinator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		coordinator.createContext("/api/dtmsvr/newGid", (exchange) -> {
			String value = exchange.getRequestHeaders().getFirst("Authorization");
			authorizations.add((value != null) ? value : "");
			byte[] body = "{\"gid\":\"g1\",\"dtm_result\":\"SUCCESS\"}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		coordinator.start();
		try {
			String url = "http://127.0.0.1:" + coordinator.getAddress().getPort();
			this.runner.withPropertyValues("dtm.client.server-url=" + url, "dtm.client.api-token=t0ken")
				.run((context) -> assertThat(context.getBean(DtmTemplate.class).newGid()).isEqualTo("g1"));
			this.runner.withPropertyValues("dtm.client.server-url=" + url)
				.run((context) -> context.getBean(DtmTemplate.class).newGid());
		}
		finally {
			coordinator.stop(0);
		}

		assertThat(authorizations).containsExactly("Bearer t0ken", "");
	}

	@Test
	void whenServerUrlSetShouldCreateTemplate() {
		this.runner.withPropertyValues("dtm.client.server-url=http://dtm:36789/").run((context) -> {
			assertThat(context).hasSingleBean(DtmTemplate.class).hasSingleBean(DtmConnectionDetails.class);
			assertThat(context.getBean(DtmTemplate.class).getServerUrl()).isEqualTo("http://dtm:36789/api/dtmsvr");
		});
	}

	@Test
	void whenServerUrlIncludesApiPathShouldKeepIt() {
		this.runner.withPropertyValues("dtm.client.server-url=http://dtm:36789/api/dtmsvr")
			.run((context) -> assertThat(context.getBean(DtmTemplate.class).getServerUrl())
				.isEqualTo("http://dtm:36789/api/dtmsvr"));
	}

	@Test
	void whenNothingConfiguredShouldFailWithAnExplainedReport() {
		this.runner.run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			FailureAnalysis analysis = new DtmCoordinatorNotConfiguredFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("dtm.client.server-url");
			assertThat(analysis.getAction()).contains("dtm.client.server-url");
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			''                   | is empty                   | dtm.client.server-url=http://localhost:36789
			localhost:36789      | has no scheme              | dtm.client.server-url=http://localhost:36789
			dtm:36789/api/dtmsvr | has no scheme              | dtm.client.server-url=http://dtm:36789/api/dtmsvr
			http://dtm:port      | has no valid host          | dtm.client.server-url=http://localhost:36789
			http://dtm 1:36789   | is not a valid URL         | dtm.client.server-url=http://localhost:36789
			ftp://dtm:36789      | has the scheme 'ftp'       | dtm.client.server-url=http://localhost:36789
			http://dtm:36789?x=1 | has a query or fragment    | dtm.client.server-url=http://dtm:36789
			""")
	void whenServerUrlIsUnusableStartUpShouldFailWithAnExplainedReport(String value, String problem, String fix) {
		this.runner.withPropertyValues("dtm.client.server-url=" + value).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new DtmServerUrlFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).startsWith("dtm.client.server-url is set to '" + value + "', which")
				.contains(problem);
			assertThat(analysis.getAction()).contains(fix);
		});
	}

	@Test
	void whenServerUrlIsEmptyAndDiscoveryLocatesTheCoordinatorShouldStart() {
		DiscoveryClient discovery = new FixedDiscoveryClient(List.of(instance("10.0.0.1")));
		this.runner.withPropertyValues("dtm.client.server-url=", "dtm.client.service-name=dtmService")
			.withBean(DiscoveryClient.class, () -> discovery)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(DiscoveryDtmConnectionDetails.class);
				assertThat(context.getBean(DtmTemplate.class).getServerUrl())
					.isEqualTo("http://10.0.0.1:36789/api/dtmsvr");
			});
	}

	@Test
	void whenServerUrlIsEmptyAndServiceNameHasNoDiscoveryClientShouldSaySo() {
		this.runner.withPropertyValues("dtm.client.server-url=", "dtm.client.service-name=dtmService")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new DtmServerUrlFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("dtm.client.server-url is set to ''");
				assertThat(analysis.getAction()).contains("environment variable")
					.contains("dtm.client.service-name 'dtmService'")
					.contains("DiscoveryClient");
			});
	}

	@Test
	void whenApplicationStartsWithUrlWithoutSchemeShouldPrintTheAnalysis(CapturedOutput output) {
		SpringApplication application = new SpringApplication(DtmClientAutoConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> application.run("--dtm.client.server-url=localhost:36789"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("dtm.client.server-url is set to 'localhost:36789', which has no scheme")
			.contains("dtm.client.server-url=http://localhost:36789");
	}

	@Test
	void whenServiceNameSetWithoutDiscoveryClientShouldReportIt() {
		this.runner.withPropertyValues("dtm.client.service-name=dtmService").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new DtmCoordinatorNotConfiguredFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("dtmService").contains("DiscoveryClient");
		});
	}

	@Test
	void whenServiceNameAndDiscoveryClientShouldLocateThroughDiscovery() {
		DiscoveryClient discovery = new FixedDiscoveryClient(List.of(instance("10.0.0.1"), instance("10.0.0.2")));
		this.runner.withPropertyValues("dtm.client.service-name=dtmService")
			.withBean(DiscoveryClient.class, () -> discovery)
			.run((context) -> {
				assertThat(context).hasSingleBean(DiscoveryDtmConnectionDetails.class);
				DtmTemplate template = context.getBean(DtmTemplate.class);
				assertThat(List.of(template.getServerUrl(), template.getServerUrl()))
					.containsExactly("http://10.0.0.1:36789/api/dtmsvr", "http://10.0.0.2:36789/api/dtmsvr");
			});
	}

	@Test
	void whenServerUrlAndServiceNameSetShouldPreferServerUrl() {
		this.runner.withPropertyValues("dtm.client.service-name=dtmService", "dtm.client.server-url=http://dtm:1")
			.withBean(DiscoveryClient.class, () -> new FixedDiscoveryClient(List.of(instance("10.0.0.1"))))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(DiscoveryDtmConnectionDetails.class);
				assertThat(context.getBean(DtmTemplate.class).getServerUrl()).isEqualTo("http://dtm:1/api/dtmsvr");
			});
	}

	@Test
	void whenSpringCloudAbsentShouldNotConfigureDiscovery() {
		this.runner.withPropertyValues("dtm.client.service-name=dtmService", "dtm.client.server-url=http://dtm:1")
			.withClassLoader(new FilteredClassLoader(DiscoveryClient.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DiscoveryDtmConnectionDetails.class)
				.hasSingleBean(DtmTemplate.class));
	}

	@Test
	void whenUserDefinesConnectionDetailsShouldUseThem() {
		this.runner.withBean(DtmConnectionDetails.class, () -> () -> "http://custom:9")
			.run((context) -> assertThat(context.getBean(DtmTemplate.class).getServerUrl())
				.isEqualTo("http://custom:9/api/dtmsvr"));
	}

	@Test
	void whenUserDefinesOperationsShouldBackOff() {
		this.runner.withBean(DtmOperations.class, () -> mock(DtmOperations.class))
			.run((context) -> assertThat(context).hasSingleBean(DtmOperations.class)
				.doesNotHaveBean(DtmTemplate.class));
	}

	@Test
	void whenCustomizerDefinedShouldApplyIt() {
		DtmTemplateCustomizer customizer = mock(DtmTemplateCustomizer.class);
		this.runner.withPropertyValues("dtm.client.server-url=http://dtm:36789")
			.withBean(DtmTemplateCustomizer.class, () -> customizer)
			.run((context) -> org.mockito.Mockito.verify(customizer).customize(context.getBean(DtmTemplate.class)));
	}

	private static ServiceInstance instance(String host) {
		return new DefaultServiceInstance(host, "dtmService", host, 36789, false);
	}

	record FixedDiscoveryClient(List<ServiceInstance> instances) implements DiscoveryClient {

		@Override
		public String description() {
			return "fixed";
		}

		@Override
		public List<ServiceInstance> getInstances(String serviceId) {
			return "dtmService".equals(serviceId) ? this.instances : List.of();
		}

		@Override
		public List<String> getServices() {
			return List.of("dtmService");
		}

	}

}
