package io.dtm.server.api.grpc;

import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code dtm.server.grpc.enabled=false} no gRPC server starts and the HTTP API works
 * as before.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "dtm.server.grpc.enabled=false")
class GrpcServerDisabledTests {

	@Autowired
	ApplicationContext context;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@Test
	void whenTheGrpcApiIsSwitchedOffShouldStartNoGrpcServerButServeHttp() {
		assertThat(this.context.getBeansOfType(GrpcServerLifecycle.class)).isEmpty();
		assertThat(this.context.getBeansOfType(DtmGrpcApi.class)).isEmpty();
		assertThat(this.context.getEnvironment().getProperty("local.grpc.port")).isNull();
		assertThat(new DtmHttp(this.port).get("/api/ping").body()).isEqualTo("{\"msg\":\"pong\"}");
	}

}
