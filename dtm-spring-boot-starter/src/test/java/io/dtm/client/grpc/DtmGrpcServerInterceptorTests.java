package io.dtm.client.grpc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.barrier.BranchBarrier;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DtmGrpcServerInterceptor} on a real gRPC server.
 */
class DtmGrpcServerInterceptorTests {

	private final List<String> seen = new CopyOnWriteArrayList<>();

	private GrpcBusi busi;

	@BeforeEach
	void setUp() {
		this.busi = GrpcBusi.start(new DtmGrpcServerInterceptor(), Map.of("See", (request) -> {
			BranchBarrier barrier = GrpcBranchBarriers.current();
			this.seen.add(barrier.getGid() + " " + barrier.getTransType().wireValue() + " " + barrier.getBranchId()
					+ " " + barrier.getOp().wireValue() + " same=" + (barrier == GrpcBranchBarriers.current()));
		}, "Refuse", (request) -> {
			throw DtmFailure.of("insufficient balance");
		}, "Later", (request) -> {
			throw DtmOngoing.ongoing();
		}, "Boom", (request) -> {
			throw new IllegalStateException("boom");
		}));
	}

	@AfterEach
	void tearDown() throws InterruptedException {
		this.busi.close();
	}

	@Test
	void whenBranchCalledShouldGiveHandlerItsBarrier() {
		assertThat(this.busi.call("See", GrpcBusi.branch("g1", "saga", "01", "compensate"), "{}").isOk()).isTrue();
		assertThat(this.seen).containsExactly("g1 saga 01 compensate same=true");
	}

	@Test
	void whenHandlerRefusesShouldAnswerAbortedFailure() {
		Status status = this.busi.call("Refuse", GrpcBusi.branch("g2", "saga", "01", "action"), "{}");
		assertThat(status.getCode()).isEqualTo(Status.Code.ABORTED);
		assertThat(status.getDescription()).isEqualTo("insufficient balance FAILURE");
	}

	@Test
	void whenHandlerIsOngoingShouldAnswerFailedPrecondition() {
		Status status = this.busi.call("Later", GrpcBusi.branch("g3", "msg", "00", "msg"), "{}");
		assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
		assertThat(status.getDescription()).isEqualTo("ONGOING");
	}

	@Test
	void whenHandlerFailsOtherwiseShouldLeaveStatusToGrpc() {
		assertThat(this.busi.call("Boom", GrpcBusi.branch("g4", "saga", "01", "action"), "{}").getCode())
			.isEqualTo(Status.Code.UNKNOWN);
	}

	@Test
	void whenCallHasNoDtmMetadataShouldAnswerInvalidArgument() {
		Status status = this.busi.call("See", Map.of(), "{}");
		assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(status.getDescription()).contains("missing gRPC metadata 'dtm-gid'");
		assertThat(this.seen).isEmpty();
	}

}
