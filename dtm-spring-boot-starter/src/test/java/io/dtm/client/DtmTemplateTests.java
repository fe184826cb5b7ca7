package io.dtm.client;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.test.web.client.ExpectedCount;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.content;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.method;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withException;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * Tests for {@link DtmTemplate} against a mocked coordinator.
 */
class DtmTemplateTests {

	private static final String API = "http://dtm:36789/api/dtmsvr";

	private static final String OK = "{\"dtm_result\":\"SUCCESS\"}";

	private MockRestServiceServer server;

	private DtmTemplate dtm;

	@BeforeEach
	void setUp() {
		RestClient.Builder builder = RestClient.builder();
		this.server = MockRestServiceServer.bindTo(builder).build();
		RetryTemplate retry = RetryTemplate.builder()
			.maxAttempts(3)
			.fixedBackoff(1)
			.retryOn(DtmCoordinatorUnavailableException.class)
			.build();
		this.dtm = new DtmTemplate(builder.build(), () -> "http://dtm:36789", retry, new ObjectMapper());
	}

	@Test
	void whenSagaSubmittedShouldSendEveryOption() {
		this.server.expect(requestTo(API + "/submit"))
			.andExpect(method(HttpMethod.POST))
			.andExpect(content().json("""
					{"gid":"g1","trans_type":"saga",
					 "steps":[{"action":"http://a/out","compensate":"http://a/outRevert"},
					          {"action":"http://b/in","compensate":"http://b/inRevert"}],
					 "payloads":["{\\"amount\\":30}","raw"],
					 "custom_data":"{\\"concurrent\\":true,\\"orders\\":{\\"1\\":[0]}}",
					 "wait_result":true,"timeout_to_fail":60,"retry_interval":15,"request_timeout":5,
					 "branch_headers":{"X-Tenant":"t1"},"retry_limit":2}""", true))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		String gid = this.dtm.saga("g1")
			.step("http://a/out", "http://a/outRevert", Map.of("amount", 30))
			.step("http://b/in", "http://b/inRevert", "raw")
			.order(1, 0)
			.waitResult()
			.timeoutToFail(Duration.ofSeconds(60))
			.retryInterval(Duration.ofSeconds(15))
			.requestTimeout(Duration.ofSeconds(5))
			.branchHeader("X-Tenant", "t1")
			.retryLimit(2)
			.submit();
		assertThat(gid).isEqualTo("g1");
		this.server.verify();
	}

	@Test
	void whenSagaOrderNamesMissingStepShouldRefuseBeforeSending() {
		assertThatExceptionOfType(DtmRequestException.class)
			.isThrownBy(() -> this.dtm.saga("g1").step("http://a", "http://b", null).order(3, 0).submit())
			.withMessageContaining("step 3");
	}

	@Test
	void whenCoordinatorAnswers5xxShouldNotResubmit() {
		this.server.expect(ExpectedCount.once(), requestTo(API + "/submit"))
			.andRespond(withStatus(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
				.body("{\"message\":\"branch error: HTTP 500 from http://a\"}"));
		assertThatExceptionOfType(DtmCoordinatorErrorException.class)
			.isThrownBy(() -> this.dtm.saga("g2").step("http://a", "http://b", null).waitResult().submit())
			.satisfies((ex) -> {
				assertThat(ex.getHttpStatus()).isEqualTo(500);
				assertThat(ex.getGid()).isEqualTo("g2");
				assertThat(ex.isRetryable()).isFalse();
			})
			.withMessageContaining("HTTP 500: branch error: HTTP 500 from http://a")
			.withMessageContaining("not sent again");
		this.server.verify();
	}

	@Test
	void whenCoordinatorAnswers503ShouldNotResend() {
		this.server.expect(ExpectedCount.once(), requestTo(API + "/newGid"))
			.andRespond(withStatus(HttpStatus.SERVICE_UNAVAILABLE));
		assertThatExceptionOfType(DtmCoordinatorErrorException.class).isThrownBy(this.dtm::newGid)
			.withMessageContaining("HTTP 503");
		this.server.verify();
	}

	@Test
	void whenRequestDidNotReachCoordinatorShouldRetryWithBackOff() {
		this.server.expect(ExpectedCount.twice(), requestTo(API + "/submit"))
			.andRespond(withException(new java.net.ConnectException("Connection refused")));
		this.server.expect(requestTo(API + "/submit")).andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		this.dtm.saga("g2").step("http://a", "http://b", null).submit();
		this.server.verify();
	}

	@Test
	void whenReadTimesOutShouldNotResend() {
		this.server.expect(ExpectedCount.once(), requestTo(API + "/submit"))
			.andRespond(withException(new java.net.SocketTimeoutException("Read timed out")));
		assertThatExceptionOfType(DtmCoordinatorErrorException.class)
			.isThrownBy(() -> this.dtm.saga("g6").step("http://a", "http://b", null).waitResult().submit())
			.withMessageContaining("timed out waiting for the answer")
			.withMessageContaining("query the gid");
		this.server.verify();
	}

	@Test
	void whenCoordinatorUnreachableShouldGiveUpWithRetryableException() {
		this.server.expect(ExpectedCount.times(3), requestTo(API + "/newGid"))
			.andRespond(withException(new java.net.ConnectException()));
		assertThatExceptionOfType(DtmCoordinatorUnavailableException.class).isThrownBy(this.dtm::newGid)
			.satisfies((ex) -> {
				assertThat(ex.isRetryable()).isTrue();
				assertThat(ex.getUrl()).isEqualTo(API + "/newGid");
				assertThat(ex.getReason()).isEqualTo("connection refused");
			})
			.withMessage("dtm coordinator unavailable: newGid did not reach " + API + "/newGid: connection refused");
		this.server.verify();
	}

	@Test
	void whenWaitResultSagaFailsShouldThrowFailureWithTheRollbackReason() {
		this.server.expect(ExpectedCount.once(), requestTo(API + "/submit"))
			.andRespond(withStatus(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
				.body("{\"dtm_result\":\"FAILURE\",\"message\":\"insufficient balance\"}"));
		this.server.expect(ExpectedCount.once(), requestTo(API + "/query?gid=g3"))
			.andRespond(
					withStatus(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON).body(queried("g3", "failed")));
		assertThatExceptionOfType(DtmFailure.class)
			.isThrownBy(() -> this.dtm.saga("g3").step("http://a", "http://b", null).waitResult().submit())
			.satisfies((ex) -> {
				assertThat(ex.getGid()).isEqualTo("g3");
				assertThat(ex.isRetryable()).isFalse();
			})
			.withMessage("saga g3 failed: insufficient balance");
		this.server.verify();
	}

	@Test
	void whenWaitResultSagaIsAnswered409ButStillRunsShouldThrowOngoing() {
		this.server.expect(ExpectedCount.once(), requestTo(API + "/submit"))
			.andRespond(withStatus(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
				.body("{\"dtm_result\":\"FAILURE\",\"message\":\"wait result not return success: FAILURE\"}"));
		this.server.expect(ExpectedCount.once(), requestTo(API + "/query?gid=g13"))
			.andRespond(withStatus(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON)
				.body(queried("g13", "submitted")));
		assertThatExceptionOfType(DtmOngoing.class)
			.isThrownBy(() -> this.dtm.saga("g13").step("http://a", "http://b", null).waitResult().submit())
			.satisfies((ex) -> assertThat(ex.getGid()).isEqualTo("g13"))
			.withMessageStartingWith("g13 is not finished yet (submitted;")
			.withMessageEndingWith("saga g13 failed: wait result not return success: FAILURE");
		this.server.verify();
	}

	private static String queried(String gid, String status) {
		return "{\"branches\":[],\"transaction\":{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\",\"status\":\""
				+ status + "\"}}";
	}

	@Test
	void whenCoordinatorAnswers409ToPrepareShouldThrowRejectedWithoutRetry() {
		this.server.expect(ExpectedCount.once(), requestTo(API + "/prepare"))
			.andRespond(withStatus(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
				.body("{\"dtm_result\":\"FAILURE\",\"message\":\"current status 'succeed', cannot prepare\"}"));
		assertThatExceptionOfType(DtmRejectedException.class)
			.isThrownBy(() -> this.dtm.msg("g7").step("http://a", null).prepare("http://q"))
			.satisfies((ex) -> {
				assertThat(ex.getEndpoint()).isEqualTo("prepare");
				assertThat(ex.isRetryable()).isFalse();
			})
			.withMessageContaining("cannot prepare");
		this.server.verify();
	}

	@Test
	void whenCoordinatorAnswers400ShouldThrowRequestException() {
		this.server.expect(requestTo(API + "/submit"))
			.andRespond(withStatus(HttpStatus.BAD_REQUEST).body("{\"message\":\"steps[0] has no 'action'\"}"));
		assertThatExceptionOfType(DtmRequestException.class)
			.isThrownBy(() -> this.dtm.saga("g4").step("http://a", "http://b", null).submit())
			.withMessageContaining("steps[0]");
	}

	@Test
	void whenCoordinatorAnswers425ShouldThrowOngoing() {
		this.server.expect(requestTo(API + "/submit"))
			.andRespond(withStatus(HttpStatus.TOO_EARLY).body("{\"dtm_result\":\"ONGOING\"}"));
		assertThatExceptionOfType(DtmOngoing.class)
			.isThrownBy(() -> this.dtm.saga("g5").step("http://a", "http://b", null).submit());
	}

	@Test
	void whenTccTryRefusesShouldAbortAndRethrowFailure() {
		this.server.expect(requestTo(API + "/prepare")).andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		this.server.expect(requestTo(API + "/registerBranch"))
			.andExpect(content().json("""
					{"gid":"t1","trans_type":"tcc","branch_id":"01","status":"prepared","data":"{\\"n\\":1}",
					 "confirm":"http://p/confirm","cancel":"http://p/cancel"}""", true))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		this.server
			.expect(requestTo("http://p/try?dtm=http%3A%2F%2Fdtm%3A36789%2Fapi%2Fdtmsvr&gid=t1&trans_type=tcc"
					+ "&branch_id=01&op=try"))
			.andRespond(withStatus(HttpStatus.CONFLICT).body("{\"dtm_result\":\"FAILURE\"}"));
		this.server.expect(requestTo(API + "/abort"))
			.andExpect(content().json("{\"gid\":\"t1\",\"trans_type\":\"tcc\"}"))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		assertThatExceptionOfType(DtmFailure.class).isThrownBy(() -> this.dtm.tcc("t1",
				(tcc) -> tcc.callBranch(Map.of("n", 1), "http://p/try", "http://p/confirm", "http://p/cancel")));
		this.server.verify();
	}

	@Test
	void whenTccBranchesSucceedShouldSubmit() {
		this.server.expect(requestTo(API + "/prepare")).andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		for (String branch : new String[] { "01", "02" }) {
			this.server.expect(requestTo(API + "/registerBranch"))
				.andExpect(content().json("{\"branch_id\":\"" + branch + "\"}"))
				.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
			this.server.expect(method(HttpMethod.POST))
				.andRespond(withSuccess("{\"frozen\":" + branch + "}", MediaType.APPLICATION_JSON));
		}
		this.server.expect(requestTo(API + "/submit")).andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		this.dtm.tcc("t2").execute((tcc) -> {
			assertThat(tcc.callBranch("{}", "http://p/try", "http://p/c", "http://p/x").getBody())
				.isEqualTo("{\"frozen\":01}");
			tcc.callBranch("{}", "http://q/try", "http://q/c", "http://q/x");
		});
		this.server.verify();
	}

	@Test
	void whenQueryingUnknownGidShouldBeEmpty() {
		this.server.expect(requestTo(API + "/query?gid=nope"))
			.andRespond(withSuccess("{\"transaction\":null,\"branches\":[]}", MediaType.APPLICATION_JSON));
		assertThat(this.dtm.query("nope")).isEmpty();
	}

	@Test
	void whenQueryingKnownGidShouldReadStatusAndBranches() {
		this.server.expect(requestTo(API + "/query?gid=g1")).andRespond(withSuccess("""
				{"transaction":{"id":1,"create_time":"t","update_time":"t","gid":"g1","trans_type":"saga",
				 "status":"succeed","concurrent":false},
				 "branches":[{"id":1,"create_time":"t","update_time":"t","gid":"g1","branch_id":"01",
				 "op":"action","status":"succeed","url":"http://a"}]}""", MediaType.APPLICATION_JSON));
		DtmTransaction transaction = this.dtm.query("g1").orElseThrow();
		assertThat(transaction.status()).isEqualTo(io.dtm.core.GlobalStatus.SUCCEED);
		assertThat(transaction.branches()).singleElement()
			.satisfies((branch) -> assertThat(branch.op()).isEqualTo("action"));
	}

	@Test
	void whenNestedTccShouldExtendTheParentBranchId() {
		this.server.expect(requestTo(API + "/registerBranch"))
			.andExpect(content().json("{\"gid\":\"t3\",\"branch_id\":\"0101\"}"))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		this.server.expect(method(HttpMethod.POST)).andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		assertThat(
				this.dtm.nestedTcc("t3", "01").callBranch(null, "http://p/t", "http://p/c", "http://p/x").getBranchId())
			.isEqualTo("0101");
		this.server.verify();
	}

}
