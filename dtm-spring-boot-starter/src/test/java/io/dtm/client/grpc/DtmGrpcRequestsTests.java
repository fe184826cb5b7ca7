package io.dtm.client.grpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.client.BranchRegistration;
import io.dtm.client.DtmRequestException;
import io.dtm.client.DtmTemplate;
import io.dtm.core.TransType;
import io.dtm.grpc.DtmBranchRequest;
import io.dtm.grpc.DtmRequest;
import org.junit.jupiter.api.Test;

import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DtmGrpcRequests}.
 */
class DtmGrpcRequestsTests {

	private final DtmTemplate dtm = new DtmTemplate(RestClient.create(), () -> "http://dtm:36789",
			RetryTemplate.builder().maxAttempts(1).build(), new ObjectMapper());

	@Test
	void whenSagaMappedShouldCarryEveryField() {
		DtmRequest request = DtmGrpcRequests.toDtmRequest(this.dtm.saga("g1")
			.step("http://a/out", "http://a/outRevert", Map.of("amount", 30))
			.step("http://b/in", "http://b/inRevert", "raw")
			.order(1, 0)
			.waitResult()
			.timeoutToFail(Duration.ofSeconds(60))
			.retryInterval(Duration.ofSeconds(15))
			.requestTimeout(Duration.ofSeconds(5))
			.branchHeader("X-Tenant", "t1")
			.retryLimit(2)
			.toRequest());
		assertThat(request.getGid()).isEqualTo("g1");
		assertThat(request.getTransType()).isEqualTo("saga");
		assertThat(request.getSteps()).isEqualTo("[{\"action\":\"http://a/out\",\"compensate\":\"http://a/outRevert\"},"
				+ "{\"action\":\"http://b/in\",\"compensate\":\"http://b/inRevert\"}]");
		assertThat(request.getBinPayloadsList()).extracting((bytes) -> bytes.toByteArray())
			.containsExactly("{\"amount\":30}".getBytes(StandardCharsets.UTF_8),
					"raw".getBytes(StandardCharsets.UTF_8));
		assertThat(request.getCustomedData()).isEqualTo("{\"concurrent\":true,\"orders\":{\"1\":[0]}}");
		assertThat(request.hasTransOptions()).isTrue();
		assertThat(request.getTransOptions().getWaitResult()).isTrue();
		assertThat(request.getTransOptions().getTimeoutToFail()).isEqualTo(60);
		assertThat(request.getTransOptions().getRetryInterval()).isEqualTo(15);
		assertThat(request.getTransOptions().getRequestTimeout()).isEqualTo(5);
		assertThat(request.getTransOptions().getRetryLimit()).isEqualTo(2);
		assertThat(request.getTransOptions().getBranchHeadersMap()).containsExactly(Map.entry("X-Tenant", "t1"));
		assertThat(request.getQueryPrepared()).isEmpty();
		assertThat(request.getRollbackReason()).isEmpty();
		assertThat(request.getReqExtraMap()).isEmpty();
	}

	@Test
	void whenMsgMappedShouldCarryDelayAndQueryPrepared() {
		DtmRequest request = DtmGrpcRequests.toDtmRequest(
				this.dtm.msg("m1").step("http://b/in", Map.of("amount", 30)).delay(Duration.ofSeconds(10)).toRequest());
		assertThat(request.getTransType()).isEqualTo("msg");
		assertThat(request.getSteps()).isEqualTo("[{\"action\":\"http://b/in\"}]");
		assertThat(request.getBinPayloads(0).toStringUtf8()).isEqualTo("{\"amount\":30}");
		assertThat(request.getCustomedData()).isEqualTo("{\"delay\":10}");
		assertThat(request.getTransOptions().getWaitResult()).isFalse();
	}

	@Test
	void whenMsgConcurrentShouldRefuseForGrpc() {
		assertThatExceptionOfType(DtmRequestException.class)
			.isThrownBy(() -> DtmGrpcRequests
				.toDtmRequest(this.dtm.msg("m2").step("http://b/in", "x").concurrent().toRequest()))
			.withMessageContaining("concurrent");
	}

	@Test
	void whenTccBranchRegisteredShouldCarryTargetsAndPayloadBytes() {
		DtmBranchRequest request = DtmGrpcRequests.toBranchRequest(new BranchRegistration("t1", TransType.TCC, "01",
				Map.of("confirm", "http://a/confirm", "cancel", "http://a/cancel"), "{\"amount\":30}"));
		assertThat(request.getGid()).isEqualTo("t1");
		assertThat(request.getTransType()).isEqualTo("tcc");
		assertThat(request.getBranchID()).isEqualTo("01");
		assertThat(request.getOp()).isEmpty();
		assertThat(request.getDataMap()).containsOnly(Map.entry("confirm", "http://a/confirm"),
				Map.entry("cancel", "http://a/cancel"));
		assertThat(request.getBusiPayload().toStringUtf8()).isEqualTo("{\"amount\":30}");
	}

	@Test
	void whenXaBranchRegisteredShouldCarryUrlWithoutPayload() {
		DtmBranchRequest request = DtmGrpcRequests
			.toBranchRequest(new BranchRegistration("x1", TransType.XA, "01", Map.of("url", "http://a/xa"), null));
		assertThat(request.getDataMap()).containsOnly(Map.entry("url", "http://a/xa"));
		assertThat(request.getBusiPayload().isEmpty()).isTrue();
	}

}
