package io.dtm.server.api.grpc;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Empty;
import io.dtm.grpc.DtmGrpc;
import io.dtm.server.testsupport.TestStores;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Server TLS for the gRPC API, configured as {@code docs/grpc.md} describes: a Spring SSL
 * bundle holding a self-signed certificate for {@code localhost} and 127.0.0.1. A client
 * that trusts the certificate is served; a plaintext client is not.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.ssl.bundle=dtm-grpc",
				"spring.ssl.bundle.jks.dtm-grpc.keystore.location=classpath:grpc-tls/server.p12",
				"spring.ssl.bundle.jks.dtm-grpc.keystore.password=changeit",
				"spring.ssl.bundle.jks.dtm-grpc.keystore.type=PKCS12" })
class GrpcTlsTests {

	@Value("${local.grpc.port}")
	int grpcPort;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@Test
	void whenTheClientTrustsTheServerCertificateShouldAnswerOverTls() throws Exception {
		ManagedChannel channel;
		try (InputStream certificate = new ClassPathResource("grpc-tls/server.crt").getInputStream()) {
			channel = NettyChannelBuilder.forAddress("localhost", this.grpcPort)
				.sslContext(GrpcSslContexts.forClient().trustManager(certificate).build())
				.build();
		}
		try {
			String gid = DtmGrpc.newBlockingStub(channel).newGid(Empty.getDefaultInstance()).getGid();

			assertThat(gid).matches("[0-9A-Za-z]{22}");
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void whenTheClientSpeaksPlaintextShouldGetNoAnswer() throws Exception {
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", this.grpcPort).usePlaintext().build();
		try {
			StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
					() -> DtmGrpc.newBlockingStub(channel)
						.withDeadlineAfter(5, TimeUnit.SECONDS)
						.newGid(Empty.getDefaultInstance()));

			assertThat(error.getStatus().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.INTERNAL,
					Status.Code.DEADLINE_EXCEEDED);
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

}
