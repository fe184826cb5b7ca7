package io.dtm.server.registry;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.alibaba.nacos.api.exception.NacosException;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.server.registry.RegistryProbe.Outcome;
import io.dtm.server.registry.RegistryProbe.Result;

/**
 * Turns a failed registration attempt into a {@link RegistrationFailure} with a registry
 * cause of the shared D1003 catalogue: the registry's own answer first (credentials,
 * namespace), then what the TCP probe of the registry address found (unknown host,
 * refused, timeout, closed gRPC port), then the exception chain. A connectivity problem
 * after a successful registration is reported as
 * {@link DiagnosticCause#REGISTRY_HEARTBEAT_LOST}.
 */
public final class RegistrationFailureClassifier {

	private static final int NAMESPACE_ILLEGAL = 22000;

	private static final int NAMESPACE_NOT_EXIST = 22001;

	private RegistrationFailureClassifier() {
	}

	/**
	 * Classify a failure.
	 * @param error the last exception of the attempt, may be {@code null} (for example
	 * when the instance silently disappeared)
	 * @param probes the probe results of the registry addresses, may be empty
	 * @param wasRegistered whether the instance had been registered before
	 * @return the classified failure
	 */
	public static RegistrationFailure classify(Throwable error, List<Result> probes, boolean wasRegistered) {
		String detail = detail(error, probes);
		NacosException nacos = find(error, NacosException.class);
		if (nacos != null) {
			DiagnosticCause answered = fromRegistryAnswer(nacos);
			if (answered != null) {
				return new RegistrationFailure(answered, detail);
			}
		}
		DiagnosticCause connectivity = fromProbes(probes);
		if (connectivity == null) {
			connectivity = fromExceptionChain(error);
		}
		if (connectivity != null) {
			boolean lost = wasRegistered && connectivity != DiagnosticCause.REGISTRY_UNKNOWN_HOST;
			return new RegistrationFailure(lost ? DiagnosticCause.REGISTRY_HEARTBEAT_LOST : connectivity,
					lost ? detail + " (" + connectivity.title() + ")" : detail);
		}
		if (nacos != null && nacos.getErrCode() >= NacosException.INVALID_SERVER_STATUS) {
			return new RegistrationFailure(DiagnosticCause.REGISTRY_ERROR, detail);
		}
		if (wasRegistered) {
			return new RegistrationFailure(DiagnosticCause.REGISTRY_HEARTBEAT_LOST, detail);
		}
		return new RegistrationFailure(DiagnosticCause.REGISTRY_OTHER, detail);
	}

	private static DiagnosticCause fromRegistryAnswer(NacosException ex) {
		String message = String.valueOf(ex.getErrMsg()).toLowerCase(Locale.ROOT);
		int code = ex.getErrCode();
		if (code == NAMESPACE_NOT_EXIST || code == NAMESPACE_ILLEGAL || (message.contains("namespace")
				&& (message.contains("not exist") || message.contains("not found")))) {
			return DiagnosticCause.REGISTRY_NAMESPACE_MISSING;
		}
		if (code == NacosException.NO_RIGHT || code == 401 || message.contains("user not found")
				|| message.contains("unknown user") || message.contains("invalid username or password")
				|| message.contains("token invalid") || message.contains("token expired")
				|| message.contains("authorization failed") || message.contains("no right")) {
			return DiagnosticCause.REGISTRY_AUTH_FAILED;
		}
		return null;
	}

	private static DiagnosticCause fromProbes(List<Result> probes) {
		if (probes == null || probes.isEmpty()) {
			return null;
		}
		List<Result> http = probes.stream().filter(Predicate.not(Result::grpc)).toList();
		List<Result> grpc = probes.stream().filter(Result::grpc).toList();
		if (http.stream().anyMatch((result) -> result.outcome() == Outcome.OPEN)) {
			boolean grpcOpen = grpc.stream().anyMatch((result) -> result.outcome() == Outcome.OPEN);
			return grpcOpen ? null : DiagnosticCause.REGISTRY_GRPC_PORT_UNREACHABLE;
		}
		if (http.stream().allMatch((result) -> result.outcome() == Outcome.UNKNOWN_HOST)) {
			return DiagnosticCause.REGISTRY_UNKNOWN_HOST;
		}
		if (http.stream().anyMatch((result) -> result.outcome() == Outcome.TIMEOUT)) {
			return DiagnosticCause.REGISTRY_TIMEOUT;
		}
		if (http.stream().anyMatch((result) -> result.outcome() == Outcome.REFUSED)) {
			return DiagnosticCause.REGISTRY_UNREACHABLE;
		}
		return null;
	}

	private static DiagnosticCause fromExceptionChain(Throwable error) {
		if (find(error, UnknownHostException.class) != null) {
			return DiagnosticCause.REGISTRY_UNKNOWN_HOST;
		}
		if (find(error, SocketTimeoutException.class) != null || find(error, TimeoutException.class) != null) {
			return DiagnosticCause.REGISTRY_TIMEOUT;
		}
		if (find(error, ConnectException.class) != null) {
			return DiagnosticCause.REGISTRY_UNREACHABLE;
		}
		return null;
	}

	private static String detail(Throwable error, List<Result> probes) {
		StringBuilder detail = new StringBuilder();
		if (probes != null && !probes.isEmpty()) {
			detail.append("probe: ").append(probes.stream().map(Result::toString).collect(Collectors.joining(", ")));
		}
		if (error != null) {
			Throwable root = error;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			if (!detail.isEmpty()) {
				detail.append("; ");
			}
			detail.append("last error: ").append(error.getClass().getSimpleName()).append(": ").append(message(error));
			if (root != error) {
				detail.append(" (caused by ")
					.append(root.getClass().getSimpleName())
					.append(": ")
					.append(message(root))
					.append(')');
			}
		}
		return detail.isEmpty() ? "no further detail" : detail.toString();
	}

	private static String message(Throwable ex) {
		String message = (ex instanceof NacosException nacos) ? nacos.getErrMsg() : ex.getMessage();
		return (message != null) ? message.strip() : "";
	}

	private static <T extends Throwable> T find(Throwable error, Class<T> type) {
		Throwable current = error;
		int depth = 0;
		while (current != null && depth++ < 20) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return null;
	}

}
