package io.dtm.client.grpc;

import java.net.ConnectException;
import java.io.IOException;

import io.dtm.client.CoordinatorReply;
import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.DtmRequestException;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DtmGrpcStatuses}.
 */
class DtmGrpcStatusesTests {

	@Test
	void whenFailureThrownShouldAnswerAborted() {
		Status status = DtmGrpcStatuses.toStatus(DtmFailure.of("insufficient balance"));
		assertThat(status.getCode()).isEqualTo(Status.Code.ABORTED);
		assertThat(status.getDescription()).isEqualTo("insufficient balance FAILURE");
		assertThat(DtmGrpcStatuses.toStatus(DtmFailure.of("FAILURE")).getDescription()).isEqualTo("FAILURE");
	}

	@Test
	void whenOngoingThrownShouldAnswerFailedPrecondition() {
		Status status = DtmGrpcStatuses.toStatus(DtmOngoing.ongoing());
		assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
		assertThat(status.getDescription()).isEqualTo("ONGOING");
	}

	@Test
	void whenOutcomeIsWrappedShouldStillBeFound() {
		Status status = DtmGrpcStatuses.toStatus(new IllegalStateException("wrapped", DtmFailure.of("no")));
		assertThat(status.getCode()).isEqualTo(Status.Code.ABORTED);
	}

	@Test
	void whenNotADtmCallShouldAnswerInvalidArgument() {
		assertThat(DtmGrpcStatuses.toStatus(new DtmRequestException(null, "not a dtm branch call")).getCode())
			.isEqualTo(Status.Code.INVALID_ARGUMENT);
	}

	@Test
	void whenOtherExceptionShouldLeaveItToGrpc() {
		assertThat(DtmGrpcStatuses.toStatus(new IllegalStateException("boom"))).isNull();
	}

	@Test
	void whenCoordinatorStatusesReadShouldMapAsDtm() {
		assertThat(kind(Status.ABORTED.withDescription("gid exists FAILURE"))).isEqualTo(CoordinatorReply.Kind.FAILURE);
		assertThat(kind(Status.ABORTED.withDescription("ONGOING"))).isEqualTo(CoordinatorReply.Kind.ONGOING);
		assertThat(kind(Status.FAILED_PRECONDITION)).isEqualTo(CoordinatorReply.Kind.ONGOING);
		assertThat(kind(Status.INVALID_ARGUMENT)).isEqualTo(CoordinatorReply.Kind.BAD_REQUEST);
		assertThat(kind(Status.INTERNAL.withDescription("store down"))).isEqualTo(CoordinatorReply.Kind.ERROR);
		assertThat(kind(Status.UNKNOWN)).isEqualTo(CoordinatorReply.Kind.ERROR);
		assertThat(kind(Status.DEADLINE_EXCEEDED)).isEqualTo(CoordinatorReply.Kind.NO_ANSWER);
	}

	@Test
	void whenUnavailableShouldBeRetriedOnlyIfItCouldNotConnect() {
		assertThat(kind(Status.UNAVAILABLE.withCause(new ConnectException("Connection refused"))))
			.isEqualTo(CoordinatorReply.Kind.NOT_DELIVERED);
		assertThat(kind(Status.UNAVAILABLE.withCause(new IOException("Connection reset by peer"))))
			.isEqualTo(CoordinatorReply.Kind.NO_ANSWER);
		assertThat(kind(Status.UNAVAILABLE.withDescription("GOAWAY"))).isEqualTo(CoordinatorReply.Kind.NO_ANSWER);
	}

	private static CoordinatorReply.Kind kind(Status status) {
		return DtmGrpcStatuses.toReply("dtm:36790", status.asRuntimeException()).kind();
	}

}
