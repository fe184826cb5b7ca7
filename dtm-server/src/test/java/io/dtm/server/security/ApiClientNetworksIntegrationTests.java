package io.dtm.server.security;

import java.util.concurrent.TimeUnit;

import com.google.protobuf.Empty;
import io.dtm.grpc.DtmGrpc;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.TestStores;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A running coordinator that takes API calls only from 10.0.0.0/8: calls from loopback
 * are refused with 403 over HTTP and {@code PERMISSION_DENIED} over gRPC, probes stay
 * open.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiClientNetworksIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${local.grpc.port}")
	int grpcPort;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
		registry.add("dtm.server.security.api.client-networks[0]", () -> "10.0.0.0/8");
	}

	@Test
	void whenACallComesFromAnotherNetworkShouldAnswer403NamingTheSetting() {
		DtmHttp http = new DtmHttp(this.port);

		DtmHttp.Reply refused = http.get("/api/dtmsvr/newGid");

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).contains("127.0.0.1").contains("dtm.server.security.api.client-networks");
		assertThat(http.get("/api/ping").status()).isEqualTo(200);
	}

	@Test
	void whenAGrpcCallComesFromAnotherNetworkShouldBeDenied() throws InterruptedException {
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", this.grpcPort).usePlaintext().build();
		try {
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> DtmGrpc.newBlockingStub(channel).newGid(Empty.getDefaultInstance()))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

}
