package io.dtm.server.api.grpc;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.dtm.core.TransRequest;
import io.dtm.grpc.DtmBranchRequest;
import io.dtm.grpc.DtmRequest;
import io.dtm.grpc.DtmTransOptions;
import io.dtm.server.service.DtmApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link GrpcRequests}: dtm's gRPC messages read field by field as dtm's
 * {@code TransFromDtmRequest} reads them.
 */
class GrpcRequestsTests {

	private final GrpcRequests requests = new GrpcRequests(new ObjectMapper());

	@Test
	void whenEveryFieldIsSetShouldCarryEachIntoTheRequest() {
		byte[] binary = { 0, (byte) 0xff, 1 };
		DtmRequest message = DtmRequest.newBuilder()
			.setGid("g1")
			.setTransType("saga")
			.setSteps("[{\"action\":\"h:1/a.B/Do\",\"compensate\":\"h:1/a.B/Undo\"}]")
			.addBinPayloads(ByteString.copyFrom(binary))
			.setCustomedData("{\"concurrent\":true}")
			.setQueryPrepared("h:1/a.B/Query")
			.setRollbackReason("why")
			.putReqExtra("k", "v")
			.setTransOptions(DtmTransOptions.newBuilder()
				.setWaitResult(true)
				.setTimeoutToFail(60)
				.setRetryInterval(5)
				.setRequestTimeout(7)
				.setRetryLimit(3)
				.putBranchHeaders("X-Id", "1"))
			.build();

		TransRequest request = this.requests.trans(message);

		assertThat(request.gid()).isEqualTo("g1");
		assertThat(request.transType()).isEqualTo("saga");
		assertThat(request.protocol()).isEqualTo("grpc");
		assertThat(request.steps()).containsExactly(Map.of("action", "h:1/a.B/Do", "compensate", "h:1/a.B/Undo"));
		assertThat(request.binPayloads()).singleElement().isEqualTo(binary);
		assertThat(request.payloads()).isEmpty();
		assertThat(request.customData()).isEqualTo("{\"concurrent\":true}");
		assertThat(request.queryPrepared()).isEqualTo("h:1/a.B/Query");
		assertThat(request.rollbackReason()).isEqualTo("why");
		assertThat(request.reqExtra()).containsExactly(Map.entry("k", "v"));
		assertThat(request.waitResult()).isTrue();
		assertThat(request.timeoutToFail()).isEqualTo(60);
		assertThat(request.retryInterval()).isEqualTo(5);
		assertThat(request.requestTimeout()).isEqualTo(7);
		assertThat(request.retryLimit()).isEqualTo(3);
		assertThat(request.branchHeaders()).containsExactly(Map.entry("X-Id", "1"));
	}

	@Test
	void whenOptionsAndStepsAreUnsetShouldReadThemAsZeroAndEmpty() {
		TransRequest request = this.requests.trans(DtmRequest.newBuilder().setGid("g2").setTransType("tcc").build());

		assertThat(request.steps()).isEmpty();
		assertThat(request.binPayloads()).isEmpty();
		assertThat(request.waitResult()).isFalse();
		assertThat(request.timeoutToFail()).isZero();
		assertThat(request.branchHeaders()).isNull();
		assertThat(request.reqExtra()).isNull();
	}

	@Test
	void whenStepsAreNotJsonShouldRefuseNamingTheField() {
		DtmRequest message = DtmRequest.newBuilder().setGid("g3").setTransType("saga").setSteps("{\"a\":1}").build();

		assertThatExceptionOfType(DtmApiException.BadRequest.class).isThrownBy(() -> this.requests.trans(message))
			.withMessageStartingWith("Steps is not a JSON array of step objects");
	}

	@Test
	void whenABranchIsRegisteredShouldTakeTheUrlsFromDataAndNeverADataField() {
		DtmBranchRequest message = DtmBranchRequest.newBuilder()
			.setGid("g4")
			.setTransType("tcc")
			.setBranchID("01")
			.putData("confirm", "h:1/a.B/Confirm")
			.putData("cancel", "h:1/a.B/Cancel")
			.putData("data", "ignored: the payload is BusiPayload")
			.build();

		Map<String, String> fields = GrpcRequests.branchFields(message);

		assertThat(fields).containsOnly(Map.entry("confirm", "h:1/a.B/Confirm"), Map.entry("cancel", "h:1/a.B/Cancel"),
				Map.entry("gid", "g4"), Map.entry("trans_type", "tcc"), Map.entry("branch_id", "01"));
		assertThat(List.copyOf(fields.keySet())).doesNotContain("data");
	}

}
