package io.dtm.server.security;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Empty;
import io.dtm.grpc.DtmGrpc;
import io.dtm.server.store.TransStore;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.TestStores;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A coordinator with {@code rate-per-client=1} and a burst of 5: the sixth call in a row
 * from one address gets 429 and writes nothing, over gRPC {@code RESOURCE_EXHAUSTED};
 * probes are not counted.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dtm.server.limits.rate-per-client=1", "dtm.server.limits.rate-burst=5" })
class RateLimitIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${local.grpc.port}")
	int grpcPort;

	@Autowired
	TransStore store;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@Test
	void whenAClientCallsFasterThanTheLimitShouldAnswer429AndWriteNothing() throws InterruptedException {
		DtmHttp http = new DtmHttp(this.port);
		for (int i = 0; i < 5; i++) {
			assertThat(http.get("/api/dtmsvr/newGid").status()).isEqualTo(200);
		}
		String gid = "limited-" + UUID.randomUUID().toString().substring(0, 8);

		DtmHttp.Reply refused = http.post("/api/dtmsvr/prepare", "{\"gid\":\"" + gid + "\",\"trans_type\":\"tcc\"}");

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.body()).contains("dtm.server.limits.rate-per-client");
		assertThat(this.store.find(gid)).isEmpty();
		assertThat(http.get("/api/ping").status()).as("probes are not limited").isEqualTo(200);
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", this.grpcPort).usePlaintext().build();
		try {
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> DtmGrpc.newBlockingStub(channel).newGid(Empty.getDefaultInstance()))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

}
