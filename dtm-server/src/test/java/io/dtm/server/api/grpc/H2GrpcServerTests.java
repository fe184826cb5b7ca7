package io.dtm.server.api.grpc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Empty;
import io.dtm.grpc.DtmGrpc;
import io.dtm.server.testsupport.TestStores;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gRPC server around dtm's API: the standard health service, reflection (so
 * {@code grpcurl} works without the proto) and a Micrometer timer per method.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2GrpcServerTests {

	@Value("${local.grpc.port}")
	int grpcPort;

	@Autowired
	MeterRegistry meters;

	ManagedChannel channel;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@BeforeEach
	void connect() {
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", this.grpcPort).usePlaintext().build();
	}

	@AfterEach
	void close() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void whenHealthIsCheckedShouldAnswerServingAsTheActuatorHealthIsUp() {
		HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(this.channel);

		await().untilAsserted(() -> assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
			.isEqualTo(HealthCheckResponse.ServingStatus.SERVING));
	}

	@Test
	void whenReflectionListsServicesShouldNameDtmsServiceAndHealth() throws Exception {
		CompletableFuture<List<String>> services = new CompletableFuture<>();
		StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(this.channel)
			.serverReflectionInfo(new StreamObserver<>() {

				@Override
				public void onNext(ServerReflectionResponse response) {
					services.complete(response.getListServicesResponse()
						.getServiceList()
						.stream()
						.map(ServiceResponse::getName)
						.toList());
				}

				@Override
				public void onError(Throwable error) {
					services.completeExceptionally(error);
				}

				@Override
				public void onCompleted() {
				}

			});
		requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
		requests.onCompleted();

		assertThat(services.get(10, TimeUnit.SECONDS)).contains("dtmgimp.Dtm", "grpc.health.v1.Health");
	}

	@Test
	void whenAMethodIsCalledShouldRecordItInTheGrpcServerTimer() {
		DtmGrpc.newBlockingStub(this.channel).newGid(Empty.getDefaultInstance());

		await().untilAsserted(() -> {
			Timer timer = this.meters.find("grpc.server").tag("rpc.method", "NewGid").timer();
			assertThat(timer).isNotNull();
			assertThat(timer.count()).isPositive();
		});
	}

}
