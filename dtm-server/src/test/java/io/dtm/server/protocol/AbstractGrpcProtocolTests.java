package io.dtm.server.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.dtm.grpc.DtmBranchRequest;
import io.dtm.grpc.DtmProgressesReply;
import io.dtm.grpc.DtmRequest;
import io.dtm.grpc.DtmTopicRequest;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.GrpcParticipant.Call;
import io.dtm.server.testsupport.GrpcParticipant.Reply;
import io.dtm.server.testsupport.ScriptedParticipant;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dtm's gRPC protocol end to end: transactions driven through the coordinator's
 * {@code dtmgimp.Dtm} service with a client built from dtm's proto, branches called over
 * gRPC on a real participant (bytes and metadata checked as received), dtm's status-code
 * mapping both ways, and mixed HTTP/gRPC transactions; subclasses bind it to a store.
 */
abstract class AbstractGrpcProtocolTests extends GrpcProtocolTestSupport {

	@Test
	void whenNewGidIsCalledShouldAnswerAFreshGid() {
		String first = this.grpc.newGid(Empty.getDefaultInstance()).getGid();
		String second = this.grpc.newGid(Empty.getDefaultInstance()).getGid();

		assertThat(first).matches("[0-9A-Za-z]{22}");
		assertThat(second).matches("[0-9A-Za-z]{22}").isNotEqualTo(first);
	}

	@Test
	void whenSagaSucceedsShouldCallGrpcBranchesWithDtmMetadataAndTheRawBytes() {
		String gid = gid("grpc-saga-ok");
		DtmRequest saga = grpcTransfer(gid)
			.setTransOptions(options().setWaitResult(true).putBranchHeaders("X-Trace-Id", "abc-123"))
			.build();

		this.grpc.submit(saga);

		assertThat(grpcTrace(gid)).containsExactly("TransOut@action", "TransIn@action");
		Call out = grpcCalls(gid, "TransOut").get(0);
		assertThat(out.payload()).isEqualTo(BINARY);
		assertThat(out.metadata()).containsEntry("dtm-gid", gid)
			.containsEntry("dtm-trans_type", "saga")
			.containsEntry("dtm-branch_id", "01")
			.containsEntry("dtm-op", "action")
			.containsEntry("x-trace-id", "abc-123")
			.containsKey("dtm-dtm");
		assertThat(grpcCalls(gid, "TransIn").get(0).payload()).asString().isEqualTo("{\"amount\":30}");
		assertThat(grpcCalls(gid, "TransIn").get(0).metadata()).containsEntry("dtm-branch_id", "02");
		JsonNode stored = query(gid).path("transaction");
		assertThat(stored.path("status").asText()).isEqualTo("succeed");
		assertThat(stored.path("protocol").asText()).isEqualTo("grpc");
	}

	@Test
	void whenAnActionAnswersAbortedShouldCompensateInReverseAndAnswerAborted() {
		String gid = gid("grpc-saga-fail");
		grpcParticipant.always(gid, method(gid, "TransIn"), Reply.failure());

		StatusRuntimeException error = failure(
				() -> this.grpc.submit(grpcTransfer(gid).setTransOptions(options().setWaitResult(true)).build()));

		assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
		assertThat(error.getStatus().getDescription()).endsWith("FAILURE");
		assertThat(grpcTrace(gid)).containsExactly("TransOut@action", "TransIn@action", "TransInRevert@compensate",
				"TransOutRevert@compensate");
		assertThat(grpcCalls(gid, "TransOutRevert").get(0).payload()).isEqualTo(BINARY);
		assertThat(this.dtm.status(gid)).isEqualTo("failed");
	}

	@Test
	void whenAnActionAnswersAbortedWithOngoingShouldRetryItAndSucceed() {
		String gid = gid("grpc-saga-old-ongoing");
		grpcParticipant.script(gid, method(gid, "TransIn"), new Reply(Status.Code.ABORTED, "ONGOING", Duration.ZERO));

		this.grpc.submit(grpcTransfer(gid).build());

		awaitStatus(gid, "succeed", Duration.ofSeconds(10));
		assertThat(grpcTrace(gid)).containsExactly("TransOut@action", "TransIn@action", "TransIn@action");
	}

	@Test
	void whenAnActionAnswersFailedPreconditionShouldRetryItAndSucceed() {
		String gid = gid("grpc-saga-ongoing");
		grpcParticipant.script(gid, method(gid, "TransIn"), Reply.ongoing());

		this.grpc.submit(grpcTransfer(gid).build());

		awaitStatus(gid, "succeed", Duration.ofSeconds(10));
		assertThat(grpcTrace(gid)).containsExactly("TransOut@action", "TransIn@action", "TransIn@action");
	}

	@Test
	void whenAnActionErrorsShouldRetryItWithoutCompensating() {
		String gid = gid("grpc-saga-error");
		grpcParticipant.script(gid, method(gid, "TransIn"), Reply.error());

		this.grpc.submit(grpcTransfer(gid).build());

		awaitStatus(gid, "succeed", Duration.ofSeconds(15));
		assertThat(grpcTrace(gid)).containsExactly("TransOut@action", "TransIn@action", "TransIn@action");
	}

	@Test
	void whenATargetIsDownShouldKeepTheSagaForRetryWithoutCompensating() {
		String gid = gid("grpc-saga-down");
		String down = "127.0.0.1:1/" + method(gid, "TransIn");
		DtmRequest saga = grpcTransfer(gid)
			.setSteps(steps(Map.of("action", grpcUrl(gid, "TransOut"), "compensate", grpcUrl(gid, "TransOutRevert")),
					Map.of("action", down, "compensate", "")))
			.setTransOptions(options().setWaitResult(true))
			.build();

		StatusRuntimeException error = failure(() -> this.grpc.submit(saga));

		assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
		assertThat(this.dtm.status(gid)).isEqualTo("submitted");
		assertThat(grpcTrace(gid)).containsExactly("TransOut@action");
		assertThat(query(gid).path("branches"))
			.extracting((b) -> b.path("op").asText() + ":" + b.path("status").asText())
			.containsExactly("compensate:prepared", "action:succeed", "compensate:prepared", "action:prepared");
	}

	@Test
	void whenACallOutlastsRequestTimeoutShouldGiveUpOnItAndRetry() {
		String gid = gid("grpc-saga-timeout");
		grpcParticipant.script(gid, method(gid, "TransIn"), Reply.slow(Duration.ofSeconds(5)));
		DtmRequest saga = grpcTransfer(gid).setTransOptions(options().setWaitResult(true).setRequestTimeout(1)).build();

		long started = System.nanoTime();
		StatusRuntimeException error = failure(() -> this.grpc.submit(saga));
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

		assertThat(error.getStatus().getCode()).as("a saga pass that ends unfinished is a FAILURE, as in dtm")
			.isEqualTo(Status.Code.ABORTED);
		assertThat(elapsed).isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
		awaitStatus(gid, "succeed", Duration.ofSeconds(15));
	}

	@Test
	void whenConcurrentSagaRunsShouldCallTheBranchesInParallelOverGrpc() {
		String gid = gid("grpc-saga-concurrent");
		grpcParticipant.script(gid, method(gid, "TransOut"), Reply.slow(Duration.ofMillis(600)));
		grpcParticipant.script(gid, method(gid, "TransIn"), Reply.slow(Duration.ofMillis(600)));
		DtmRequest saga = grpcTransfer(gid).setCustomedData("{\"concurrent\":true}")
			.setTransOptions(options().setWaitResult(true))
			.build();

		long started = System.nanoTime();
		this.grpc.submit(saga);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1150));
		assertThat(grpcTrace(gid)).containsExactlyInAnyOrder("TransOut@action", "TransIn@action");
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
	}

	@Test
	void whenMsgIsPreparedThenSubmittedShouldCallItsActionsOverGrpc() {
		String gid = gid("grpc-msg-ok");
		DtmRequest msg = grpcMsg(gid, "A1", "A2").build();

		this.grpc.prepare(msg);
		assertThat(this.dtm.status(gid)).isEqualTo("prepared");
		this.grpc.submit(msg.toBuilder().setTransOptions(options().setWaitResult(true)).build());

		assertThat(grpcTrace(gid)).containsExactly("A1@action", "A2@action");
		assertThat(grpcCalls(gid, "A2").get(0).payload()).asString().isEqualTo("{\"step\":\"A2\"}");
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
	}

	@Test
	void whenAPreparedMsgTimesOutShouldAskItsGrpcCheckBackAndDeliver() {
		String gid = gid("grpc-msg-cb-ok");

		this.grpc.prepare(grpcMsg(gid, "A1").setTransOptions(options().setTimeoutToFail(1)).build());

		awaitStatus(gid, "succeed", Duration.ofSeconds(10));
		assertThat(grpcTrace(gid)).containsExactly("QueryPrepared@msg", "A1@action");
		Call check = grpcCalls(gid, "QueryPrepared").get(0);
		assertThat(check.metadata()).containsEntry("dtm-branch_id", "00").containsEntry("dtm-trans_type", "msg");
	}

	@Test
	void whenTheGrpcCheckBackAnswersAbortedShouldFailTheMsg() {
		String gid = gid("grpc-msg-cb-fail");
		grpcParticipant.always(gid, method(gid, "QueryPrepared"), Reply.failure());

		this.grpc.prepare(grpcMsg(gid, "A1").setTransOptions(options().setTimeoutToFail(1)).build());

		awaitStatus(gid, "failed", Duration.ofSeconds(10));
		assertThat(grpcTrace(gid)).containsExactly("QueryPrepared@msg");
	}

	@Test
	void whenAPreparedMsgIsAbortedShouldFailItWithoutCalls() {
		String gid = gid("grpc-msg-abort");
		this.grpc.prepare(grpcMsg(gid, "A1").build());

		this.grpc.abort(twoPhase(gid, "msg").toBuilder().setRollbackReason("user cancelled").build());

		assertThat(this.dtm.status(gid)).isEqualTo("failed");
		assertThat(query(gid).path("transaction").path("rollback_reason").asText()).isEqualTo("user cancelled");
		assertThat(grpcParticipant.calls(gid)).isEmpty();
	}

	@Test
	void whenTccIsSubmittedShouldConfirmRegisteredGrpcBranchesWithTheirBytes() {
		String gid = gid("grpc-tcc-ok");
		this.grpc.prepare(twoPhase(gid, "tcc"));
		this.grpc.registerBranch(tccBranch(gid, "01", BINARY));
		this.grpc.registerBranch(tccBranch(gid, "02", "{\"b\":2}".getBytes()));

		this.grpc.submit(twoPhase(gid, "tcc").toBuilder().setTransOptions(options().setWaitResult(true)).build());

		assertThat(grpcTrace(gid)).containsExactlyInAnyOrder("TccConfirm01@confirm", "TccConfirm02@confirm");
		Call confirm = grpcCalls(gid, "TccConfirm01").get(0);
		assertThat(confirm.payload()).isEqualTo(BINARY);
		assertThat(confirm.metadata()).containsEntry("dtm-trans_type", "tcc").containsEntry("dtm-branch_id", "01");
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
	}

	@Test
	void whenTccIsAbortedShouldCancelRegisteredGrpcBranches() {
		String gid = gid("grpc-tcc-abort");
		this.grpc.prepare(twoPhase(gid, "tcc"));
		this.grpc.registerBranch(tccBranch(gid, "01", BINARY));

		this.grpc.abort(twoPhase(gid, "tcc").toBuilder().setTransOptions(options().setWaitResult(true)).build());

		assertThat(grpcTrace(gid)).containsExactly("TccCancel01@cancel");
		assertThat(grpcCalls(gid, "TccCancel01").get(0).payload()).isEqualTo(BINARY);
		assertThat(this.dtm.status(gid)).isEqualTo("failed");
	}

	@Test
	void whenAConfirmAnswersOngoingShouldAnswerFailedPrecondition() {
		String gid = gid("grpc-tcc-ongoing");
		this.grpc.prepare(twoPhase(gid, "tcc"));
		this.grpc.registerBranch(tccBranch(gid, "01", BINARY));
		grpcParticipant.script(gid, method(gid, "TccConfirm01"), Reply.ongoing());

		StatusRuntimeException error = failure(() -> this.grpc
			.submit(twoPhase(gid, "tcc").toBuilder().setTransOptions(options().setWaitResult(true)).build()));

		assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
		awaitStatus(gid, "succeed", Duration.ofSeconds(10));
	}

	@Test
	void whenRegisteringABranchOfNoPreparedTransactionShouldAnswerAbortedAndStoreNothing() {
		String gid = gid("grpc-tcc-none");

		StatusRuntimeException error = failure(() -> this.grpc.registerBranch(tccBranch(gid, "01", BINARY)));

		assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
		assertThat(error.getStatus().getDescription())
			.isEqualTo("no trans with gid: " + gid + " status: prepared found");
		assertThat(query(gid).path("transaction").isNull()).isTrue();
	}

	@Test
	void whenXaIsSubmittedShouldCommitItsGrpcBranch() {
		String gid = gid("grpc-xa");
		this.grpc.prepare(twoPhase(gid, "xa"));
		this.grpc.registerBranch(DtmBranchRequest.newBuilder()
			.setGid(gid)
			.setTransType("xa")
			.setBranchID("01")
			.putData("url", grpcUrl(gid, "Xa"))
			.setBusiPayload(ByteString.copyFromUtf8("{\"x\":1}"))
			.build());

		this.grpc.submit(twoPhase(gid, "xa").toBuilder().setTransOptions(options().setWaitResult(true)).build());

		assertThat(grpcTrace(gid)).containsExactly("Xa@commit");
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
	}

	@Test
	void whenAMsgGoesToATopicShouldCallItsGrpcSubscribers() {
		String gid = gid("grpc-topic");
		String topic = "t-" + gid;
		this.grpc.subscribe(
				DtmTopicRequest.newBuilder().setTopic(topic).setURL(grpcUrl(gid, "Sub1")).setRemark("first").build());
		this.grpc.subscribe(DtmTopicRequest.newBuilder().setTopic(topic).setURL(grpcUrl(gid, "Sub2")).build());
		this.grpc.unsubscribe(DtmTopicRequest.newBuilder().setTopic(topic).setURL(grpcUrl(gid, "Sub2")).build());
		DtmRequest msg = DtmRequest.newBuilder()
			.setGid(gid)
			.setTransType("msg")
			.setSteps(steps(Map.of("action", "topic://" + topic)))
			.addBinPayloads(ByteString.copyFrom(BINARY))
			.setTransOptions(options().setWaitResult(true))
			.build();

		this.grpc.submit(msg);

		assertThat(grpcTrace(gid)).containsExactly("Sub1@action");
		assertThat(grpcCalls(gid, "Sub1").get(0).payload()).isEqualTo(BINARY);
		this.grpc.deleteTopic(DtmTopicRequest.newBuilder().setTopic(topic).build());
		StatusRuntimeException gone = failure(
				() -> this.grpc.submit(msg.toBuilder().setGid(gid("grpc-topic-gone")).build()));
		assertThat(gone.getStatus().getCode()).isIn(Status.Code.INTERNAL, Status.Code.ABORTED, Status.Code.UNKNOWN);
	}

	@Test
	void whenInputIsBadShouldAnswerInternalAsDtmAndWriteNothing() {
		String gid = gid("grpc-bad");
		StatusRuntimeException badSteps = failure(() -> this.grpc.submit(grpcTransfer(gid).setSteps("[{").build()));
		StatusRuntimeException badType = failure(
				() -> this.grpc.submit(grpcTransfer(gid).setTransType("not-exists").build()));
		StatusRuntimeException mismatch = failure(
				() -> this.grpc.submit(grpcTransfer(gid).addBinPayloads(ByteString.copyFromUtf8("{}")).build()));
		StatusRuntimeException badUrl = failure(() -> this.grpc.submit(grpcTransfer(gid)
			.setSteps(
					steps(Map.of("action", "no-method-here", "compensate", ""), Map.of("action", "", "compensate", "")))
			.build()));

		assertThat(List.of(badSteps, badType, mismatch, badUrl))
			.allSatisfy((error) -> assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL));
		assertThat(badSteps.getStatus().getDescription()).startsWith("Steps is not a JSON array of step objects");
		assertThat(badType.getStatus().getDescription()).startsWith("trans_type 'not-exists' is unknown");
		assertThat(mismatch.getStatus().getDescription())
			.isEqualTo("steps has 2 entries but BinPayloads has 3; they must match");
		assertThat(badUrl.getStatus().getDescription()).contains("no-method-here");
		assertThat(query(gid).path("transaction").isNull()).isTrue();
		assertThat(grpcParticipant.calls(gid)).isEmpty();
	}

	@Test
	void whenAWorkflowRunsOverGrpcShouldAnswerItsRecordedStepsAndStoreItsOutcome() {
		String gid = gid("grpc-wf");
		DtmRequest workflow = DtmRequest.newBuilder()
			.setGid(gid)
			.setTransType("workflow")
			.setCustomedData("{\"name\":\"transfer\",\"data\":\"e30=\"}")
			.setQueryPrepared(grpcUrl(gid, "Resume"))
			.build();

		DtmProgressesReply first = this.grpc.prepareWorkflow(workflow);
		this.grpc.registerBranch(DtmBranchRequest.newBuilder()
			.setGid(gid)
			.setTransType("workflow")
			.setBranchID("01")
			.putData("op", "action")
			.putData("status", "succeed")
			.setBusiPayload(ByteString.copyFrom(BINARY))
			.build());
		DtmProgressesReply replay = this.grpc.prepareWorkflow(workflow);
		this.grpc.submit(workflow.toBuilder()
			.putReqExtra("status", "succeed")
			.putReqExtra("rollback_reason", "")
			.putReqExtra("result", "b2s=")
			.build());
		DtmProgressesReply finished = this.grpc.prepareWorkflow(workflow);

		assertThat(first.getTransaction().getStatus()).isEqualTo("prepared");
		assertThat(first.getProgressesList()).isEmpty();
		assertThat(replay.getProgressesList()).singleElement().satisfies((step) -> {
			assertThat(step.getBranchID()).isEqualTo("01");
			assertThat(step.getOp()).isEqualTo("action");
			assertThat(step.getStatus()).isEqualTo("succeed");
			assertThat(step.getBinData().toByteArray()).isEqualTo(BINARY);
		});
		assertThat(finished.getTransaction().getStatus()).isEqualTo("succeed");
		assertThat(finished.getTransaction().getResult()).isEqualTo("b2s=");
		assertThat(grpcParticipant.calls(gid)).as("a workflow in time is never resumed").isEmpty();
	}

	@Test
	void whenAGrpcClientSubmitsHttpBranchesShouldCallThemOverHttp() {
		String gid = gid("grpc-client-http-branches");
		DtmRequest saga = DtmRequest.newBuilder()
			.setGid(gid)
			.setTransType("saga")
			.setSteps(steps(Map.of("action", url(gid, "/TransOut"), "compensate", url(gid, "/TransOutRevert"))))
			.addBinPayloads(ByteString.copyFromUtf8("{\"amount\":30}"))
			.setTransOptions(options().setWaitResult(true))
			.build();

		this.grpc.submit(saga);

		assertThat(trace(gid)).containsExactly("/TransOut@action");
		ScriptedParticipant.Call call = callsTo(gid, "/TransOut").get(0);
		assertThat(call.method()).isEqualTo("POST");
		assertThat(call.body()).isEqualTo("{\"amount\":30}");
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
	}

	@Test
	void whenAnHttpClientSubmitsGrpcBranchesShouldCallThemOverGrpc() {
		String gid = gid("http-client-grpc-branches");
		Map<String, Object> saga = body("gid", gid, "trans_type", "saga", "protocol", "grpc", "wait_result", true,
				"steps",
				List.of(Map.of("action", grpcUrl(gid, "TransOut"), "compensate", grpcUrl(gid, "TransOutRevert"))),
				"payloads", List.of("{\"amount\":30}"));

		DtmHttp.Reply reply = post("submit", saga);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(grpcTrace(gid)).containsExactly("TransOut@action");
		assertThat(grpcCalls(gid, "TransOut").get(0).payload()).asString().isEqualTo("{\"amount\":30}");
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
	}

}
