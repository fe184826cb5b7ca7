package io.dtm.autoconfigure;

import io.dtm.client.DtmTemplate;
import io.dtm.client.grpc.DtmGrpcServerInterceptor;
import io.dtm.client.grpc.GrpcCoordinatorTransport;
import io.grpc.ServerInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DtmGrpcAutoConfiguration} with {@link DtmClientAutoConfiguration}.
 */
class DtmGrpcAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DtmClientAutoConfiguration.class, DtmGrpcAutoConfiguration.class));

	@Test
	void whenGrpcOnClasspathShouldDefineInterceptorAndKeepHttpTransport() {
		this.runner.withPropertyValues("dtm.client.server-url=http://dtm:36789").run((context) -> {
			assertThat(context).hasSingleBean(DtmGrpcServerInterceptor.class)
				.hasSingleBean(DtmTemplate.class)
				.doesNotHaveBean(GrpcCoordinatorTransport.class);
		});
	}

	@Test
	void whenGrpcMissingShouldBackOff() {
		this.runner.withClassLoader(new FilteredClassLoader(ServerInterceptor.class))
			.withPropertyValues("dtm.client.server-url=http://dtm:36789")
			.run((context) -> assertThat(context).doesNotHaveBean(DtmGrpcServerInterceptor.class)
				.hasSingleBean(DtmTemplate.class));
	}

	@Test
	void whenTransportGrpcShouldUseTheGrpcTargetWithoutServerUrl() {
		this.runner.withPropertyValues("dtm.client.transport=grpc", "dtm.client.grpc-target=127.0.0.1:36790")
			.run((context) -> {
				assertThat(context).hasSingleBean(GrpcCoordinatorTransport.class).hasSingleBean(DtmTemplate.class);
				assertThat(context.getBean(GrpcCoordinatorTransport.class).getTarget()).isEqualTo("127.0.0.1:36790");
			});
	}

	@Test
	void whenTransportGrpcWithoutTargetShouldFail() {
		this.runner.withPropertyValues("dtm.client.transport=grpc")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dtm.client.grpc-target"));
	}

	@Test
	void whenTransportGrpcWithoutDtmGrpcApiShouldSayWhatToAdd() {
		this.runner.withClassLoader(new FilteredClassLoader("io.dtm.grpc"))
			.withPropertyValues("dtm.client.transport=grpc", "dtm.client.grpc-target=127.0.0.1:36790")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("dtm-grpc-api"));
	}

}
