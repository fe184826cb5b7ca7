package io.dtm.client.grpc;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

import io.dtm.client.CoordinatorReply;
import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.DtmRequestException;
import io.dtm.client.barrier.BarrierTableMissingException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * dtm's results as gRPC statuses, both ways, as dtm's Go SDK writes and reads them:
 * {@code FAILURE} is {@code ABORTED}, {@code ONGOING} is {@code FAILED_PRECONDITION}
 * (and, from dtm servers before v1.10, {@code ABORTED} with the message {@code ONGOING}).
 */
public final class DtmGrpcStatuses {

	private static final String FAILURE = "FAILURE";

	private static final String ONGOING = "ONGOING";

	private DtmGrpcStatuses() {
	}

	/**
	 * The status a gRPC branch handler answers for an exception it threw, or {@code null}
	 * when the exception is not one of the starter's outcomes (the call then ends as gRPC
	 * would end it, and the coordinator retries the branch):
	 * <ul>
	 * <li>{@link DtmFailure}: {@code ABORTED} with {@code "<reason> FAILURE"};</li>
	 * <li>{@link DtmOngoing}: {@code FAILED_PRECONDITION} with
	 * {@code "<reason> ONGOING"};</li>
	 * <li>{@link DtmRequestException} (no dtm metadata): {@code INVALID_ARGUMENT};</li>
	 * <li>{@link BarrierTableMissingException}: {@code INTERNAL} with the D1001 message
	 * (retried, succeeds once the table exists).</li>
	 * </ul>
	 * The first such exception in the cause chain counts.
	 * @param error the exception
	 * @return the status with the exception as its cause, or {@code null}
	 */
	public static Status toStatus(Throwable error) {
		for (Throwable t = error; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof DtmFailure) {
				return Status.ABORTED.withDescription(word(t.getMessage(), FAILURE)).withCause(t);
			}
			if (t instanceof DtmOngoing) {
				return Status.FAILED_PRECONDITION.withDescription(word(t.getMessage(), ONGOING)).withCause(t);
			}
			if (t instanceof DtmRequestException) {
				return Status.INVALID_ARGUMENT.withDescription(t.getMessage()).withCause(t);
			}
			if (t instanceof BarrierTableMissingException) {
				return Status.INTERNAL.withDescription(t.getMessage()).withCause(t);
			}
		}
		return null;
	}

	/**
	 * What a failed call to the coordinator's gRPC API came to:
	 * <ul>
	 * <li>{@code ABORTED}: FAILURE (ONGOING when the message is exactly
	 * {@code ONGOING});</li>
	 * <li>{@code FAILED_PRECONDITION}: ONGOING;</li>
	 * <li>{@code INVALID_ARGUMENT}: a bad request;</li>
	 * <li>{@code UNAVAILABLE}: not delivered when its cause shows the request cannot have
	 * reached the coordinator (connection refused, unknown host…), else no answer;</li>
	 * <li>{@code DEADLINE_EXCEEDED}, {@code CANCELLED}: no answer;</li>
	 * <li>anything else ({@code INTERNAL}, {@code UNKNOWN}, {@code UNIMPLEMENTED}…): an
	 * error.</li>
	 * </ul>
	 * @param target the channel's target
	 * @param error the call's exception
	 * @return the reply
	 */
	public static CoordinatorReply toReply(String target, StatusRuntimeException error) {
		Status status = error.getStatus();
		String words = "gRPC " + status.getCode();
		String message = (status.getDescription() != null) ? status.getDescription() : "";
		return switch (status.getCode()) {
			case ABORTED -> CoordinatorReply.answer(
					ONGOING.equals(message) ? CoordinatorReply.Kind.ONGOING : CoordinatorReply.Kind.FAILURE, target,
					words, 0, message, null);
			case FAILED_PRECONDITION ->
				CoordinatorReply.answer(CoordinatorReply.Kind.ONGOING, target, words, 0, message, null);
			case INVALID_ARGUMENT ->
				CoordinatorReply.answer(CoordinatorReply.Kind.BAD_REQUEST, target, words, 0, message, null);
			case UNAVAILABLE -> unavailable(target, error);
			case DEADLINE_EXCEEDED -> new CoordinatorReply(CoordinatorReply.Kind.NO_ANSWER, target, "", 0,
					"timed out waiting for the answer (dtm.client.read-timeout): " + message, null, error);
			case CANCELLED -> new CoordinatorReply(CoordinatorReply.Kind.NO_ANSWER, target, "", 0,
					"call cancelled: " + message, null, error);
			default -> CoordinatorReply.answer(CoordinatorReply.Kind.ERROR, target, words, 0, message, null);
		};
	}

	/**
	 * Only a failure to connect proves that the request was not sent: a connection that
	 * breaks (reset, GOAWAY) may break after the coordinator received the call.
	 */
	private static CoordinatorReply unavailable(String target, StatusRuntimeException error) {
		CoordinatorReply reply = CoordinatorReply.noAnswer(target, error);
		if (reply.kind() != CoordinatorReply.Kind.NOT_DELIVERED || failedToConnect(error)) {
			return reply;
		}
		return new CoordinatorReply(CoordinatorReply.Kind.NO_ANSWER, target, "", 0, reply.message(), null, error);
	}

	private static boolean failedToConnect(Throwable error) {
		for (Throwable t = error; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof ConnectException || t instanceof UnknownHostException
					|| t instanceof NoRouteToHostException || t instanceof UnresolvedAddressException
					|| t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
				return true;
			}
		}
		return false;
	}

	private static String word(String message, String word) {
		if (message == null || message.isEmpty() || message.equals(word)) {
			return word;
		}
		return message.endsWith(" " + word) ? message : message + " " + word;
	}

}
