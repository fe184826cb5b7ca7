package io.dtm.server.registry;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;

import com.alibaba.nacos.api.exception.NacosException;
import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticCause;
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

		assertThat(failure.cause()).isEqualTo(DiagnosticCause.REGISTRY_UNREACHABLE);
		assertThat(failure.detail()).contains("127.0.0.1:8848 connection refused").contains("Client not connected");
		assertThat(failure.describe()).startsWith("D1003 ").contains("— start Nacos").contains("[error: probe: ");
	}

	@Test
	void whenHostDoesNotResolveShouldClassifyUnknownHost() {
		assertThat(RegistrationFailureClassifier
			.classify(NOT_CONNECTED, probes(Outcome.UNKNOWN_HOST, Outcome.UNKNOWN_HOST), false)
			.cause()).isEqualTo(DiagnosticCause.REGISTRY_UNKNOWN_HOST);
		assertThat(RegistrationFailureClassifier
			.classify(new IllegalStateException(new UnknownHostException("nacos.invalid")), List.of(), false)
			.cause()).isEqualTo(DiagnosticCause.REGISTRY_UNKNOWN_HOST);
	}

	@Test
	void whenConnectTimesOutShouldClassifyTimeout() {
		assertThat(
				RegistrationFailureClassifier.classify(NOT_CONNECTED, probes(Outcome.TIMEOUT, Outcome.TIMEOUT), false)
					.cause())
			.isEqualTo(DiagnosticCause.REGISTRY_TIMEOUT);
	}

	@Test
	void whenOnlyGrpcPortIsClosedShouldClassifyGrpcPortUnreachable() {
		RegistrationFailure failure = RegistrationFailureClassifier.classify(NOT_CONNECTED,
				probes(Outcome.OPEN, Outcome.REFUSED), false);

		assertThat(failure.cause()).isEqualTo(DiagnosticCause.REGISTRY_GRPC_PORT_UNREACHABLE);
		assertThat(failure.cause().action()).contains("HTTP port + 1000");
		assertThat(failure.toDiagnosis("nacos.example:8848").manualCheck()).isEqualTo("telnet nacos.example 9848");
	}

	@Test
	void whenRegistryRejectsCredentialsShouldClassifyAuthFailed() {
		NacosException forbidden = new NacosException(NacosException.NO_RIGHT, "user not found!");

		assertThat(RegistrationFailureClassifier.classify(forbidden, probes(Outcome.OPEN, Outcome.OPEN), false).cause())
			.isEqualTo(DiagnosticCause.REGISTRY_AUTH_FAILED);
	}

	@Test
	void whenNamespaceDoesNotExistShouldClassifyNamespaceMissing() {
		NacosException missing = new NacosException(22001, "namespace not exist");

		assertThat(RegistrationFailureClassifier.classify(missing, probes(Outcome.OPEN, Outcome.OPEN), false).cause())
			.isEqualTo(DiagnosticCause.REGISTRY_NAMESPACE_MISSING);
	}

	@Test
	void whenConnectionIsLostAfterRegistrationShouldClassifyHeartbeatLost() {
		RegistrationFailure failure = RegistrationFailureClassifier.classify(NOT_CONNECTED,
				probes(Outcome.REFUSED, Outcome.REFUSED), true);

		assertThat(failure.cause()).isEqualTo(DiagnosticCause.REGISTRY_HEARTBEAT_LOST);
		assertThat(failure.detail()).contains("(registry address wrong or unreachable)");
	}

	@Test
	void whenServerAnswersWithAnErrorShouldClassifyRegistryError() {
		NacosException error = new NacosException(NacosException.SERVER_ERROR, "boom");

		assertThat(RegistrationFailureClassifier.classify(error, probes(Outcome.OPEN, Outcome.OPEN), false).cause())
			.isEqualTo(DiagnosticCause.REGISTRY_ERROR);
	}

	@Test
	void whenOnlyExceptionChainIsKnownShouldUseIt() {
		assertThat(RegistrationFailureClassifier
			.classify(new IllegalStateException(new ConnectException("refused")), List.of(), false)
			.cause()).isEqualTo(DiagnosticCause.REGISTRY_UNREACHABLE);
		assertThat(RegistrationFailureClassifier.classify(new IllegalStateException("odd"), List.of(), false).cause())
			.isEqualTo(DiagnosticCause.REGISTRY_OTHER);
	}

	@Test
	void whenReportedShouldGiveTheCatalogueEntryWithTheRegistryAddressFilledIn() {
		RegistrationFailure failure = RegistrationFailureClassifier.classify(NOT_CONNECTED,
				probes(Outcome.REFUSED, Outcome.REFUSED), false);

		Diagnosis diagnosis = failure.toDiagnosis("http://nacos-1:8848/nacos,nacos-2:8848");

		assertThat(diagnosis.code().name()).isEqualTo(RegistrationFailure.CODE);
		assertThat(diagnosis.causeText()).isEqualTo("registry address wrong or unreachable");
		assertThat(diagnosis.target()).isEqualTo("at http://nacos-1:8848/nacos,nacos-2:8848");
		assertThat(diagnosis.action()).contains("start Nacos").contains("spring.cloud.nacos.discovery.server-addr");
		assertThat(diagnosis.manualCheck()).isEqualTo("curl http://nacos-1:8848/nacos/v1/ns/operator/metrics");
		assertThat(diagnosis.error()).isEqualTo(failure.detail());
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
