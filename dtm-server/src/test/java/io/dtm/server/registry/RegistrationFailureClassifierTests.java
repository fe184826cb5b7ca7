package io.dtm.server.registry;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;

import com.alibaba.nacos.api.exception.NacosException;
import io.dtm.server.registry.RegistryProbe.Outcome;
import io.dtm.server.registry.RegistryProbe.Result;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RegistrationFailureClassifier}.
 */
class RegistrationFailureClassifierTests {

	private static final NacosException NOT_CONNECTED = new NacosException(NacosException.CLIENT_DISCONNECT,
			"Client not connected, current status:STARTING");

	@Test
	void whenNothingListensShouldClassifyConnectionRefused() {
		RegistrationFailure failure = RegistrationFailureClassifier.classify(NOT_CONNECTED,
				probes(Outcome.REFUSED, Outcome.REFUSED), false);

		assertThat(failure.cause()).isEqualTo(RegistrationFailureCause.CONNECTION_REFUSED);
		assertThat(failure.detail()).contains("127.0.0.1:8848 connection refused").contains("Client not connected");
		assertThat(failure.describe()).startsWith("D1003 ").contains("Action: Start Nacos");
	}

	@Test
	void whenHostDoesNotResolveShouldClassifyUnknownHost() {
		assertThat(RegistrationFailureClassifier
			.classify(NOT_CONNECTED, probes(Outcome.UNKNOWN_HOST, Outcome.UNKNOWN_HOST), false)
			.cause()).isEqualTo(RegistrationFailureCause.UNKNOWN_HOST);
		assertThat(RegistrationFailureClassifier
			.classify(new IllegalStateException(new UnknownHostException("nacos.invalid")), List.of(), false)
			.cause()).isEqualTo(RegistrationFailureCause.UNKNOWN_HOST);
	}

	@Test
	void whenConnectTimesOutShouldClassifyTimeout() {
		assertThat(
				RegistrationFailureClassifier.classify(NOT_CONNECTED, probes(Outcome.TIMEOUT, Outcome.TIMEOUT), false)
					.cause())
			.isEqualTo(RegistrationFailureCause.TIMEOUT);
	}

	@Test
	void whenOnlyGrpcPortIsClosedShouldClassifyGrpcPortUnreachable() {
		RegistrationFailure failure = RegistrationFailureClassifier.classify(NOT_CONNECTED,
				probes(Outcome.OPEN, Outcome.REFUSED), false);

		assertThat(failure.cause()).isEqualTo(RegistrationFailureCause.GRPC_PORT_UNREACHABLE);
		assertThat(failure.cause().action()).contains("HTTP port + 1000");
	}

	@Test
	void whenRegistryRejectsCredentialsShouldClassifyAuthFailed() {
		NacosException forbidden = new NacosException(NacosException.NO_RIGHT, "user not found!");

		assertThat(RegistrationFailureClassifier.classify(forbidden, probes(Outcome.OPEN, Outcome.OPEN), false).cause())
			.isEqualTo(RegistrationFailureCause.AUTH_FAILED);
	}

	@Test
	void whenNamespaceDoesNotExistShouldClassifyNamespaceMissing() {
		NacosException missing = new NacosException(22001, "namespace not exist");

		assertThat(RegistrationFailureClassifier.classify(missing, probes(Outcome.OPEN, Outcome.OPEN), false).cause())
			.isEqualTo(RegistrationFailureCause.NAMESPACE_MISSING);
	}

	@Test
	void whenConnectionIsLostAfterRegistrationShouldClassifyHeartbeatLost() {
		RegistrationFailure failure = RegistrationFailureClassifier.classify(NOT_CONNECTED,
				probes(Outcome.REFUSED, Outcome.REFUSED), true);

		assertThat(failure.cause()).isEqualTo(RegistrationFailureCause.HEARTBEAT_LOST);
		assertThat(failure.detail()).contains("nothing listens on the registry address");
	}

	@Test
	void whenServerAnswersWithAnErrorShouldClassifyRegistryError() {
		NacosException error = new NacosException(NacosException.SERVER_ERROR, "boom");

		assertThat(RegistrationFailureClassifier.classify(error, probes(Outcome.OPEN, Outcome.OPEN), false).cause())
			.isEqualTo(RegistrationFailureCause.REGISTRY_ERROR);
	}

	@Test
	void whenOnlyExceptionChainIsKnownShouldUseIt() {
		assertThat(RegistrationFailureClassifier
			.classify(new IllegalStateException(new ConnectException("refused")), List.of(), false)
			.cause()).isEqualTo(RegistrationFailureCause.CONNECTION_REFUSED);
		assertThat(RegistrationFailureClassifier.classify(new IllegalStateException("odd"), List.of(), false).cause())
			.isEqualTo(RegistrationFailureCause.UNKNOWN);
	}

	@Test
	void whenServerAddrIsParsedShouldAcceptSchemesPathsAndDefaultPort() {
		assertThat(RegistryProbe.parse("http://nacos-1:8848/nacos, nacos-2 ,10.0.0.3:9000")).containsExactly(
				new RegistryProbe.Address("nacos-1", 8848), new RegistryProbe.Address("nacos-2", 8848),
				new RegistryProbe.Address("10.0.0.3", 9000));
		assertThat(RegistryProbe.parse("")).isEmpty();
	}

	private static List<Result> probes(Outcome http, Outcome grpc) {
		return List.of(new Result("127.0.0.1", 8848, false, http, describe(http)),
				new Result("127.0.0.1", 9848, true, grpc, describe(grpc)));
	}

	private static String describe(Outcome outcome) {
		return switch (outcome) {
			case OPEN -> "connected";
			case REFUSED -> "connection refused";
			case TIMEOUT -> "no answer within 2000 ms";
			case UNKNOWN_HOST -> "unknown host";
			case ERROR -> "error";
		};
	}

}
