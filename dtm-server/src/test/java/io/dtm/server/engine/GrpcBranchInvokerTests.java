package io.dtm.server.engine;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.TransType;
import io.dtm.server.testsupport.GrpcParticipant;
import io.dtm.server.testsupport.GrpcParticipant.Reply;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GrpcBranchInvoker} against a real gRPC participant on the loopback
 * interface.
 */
class GrpcBranchInvokerTests {

	private static final String METHOD = "busi.Busi/TransOut";

	private final GrpcParticipant participant = GrpcParticipant.start();

	private final AtomicInteger channelsCreated = new AtomicInteger();

	private final GrpcChannels channels = new GrpcChannels((authority) -> {
		this.channelsCreated.incrementAndGet();
		return NettyChannelBuilder.forTarget(authority).usePlaintext().build();
	}, 16, Duration.ofMinutes(10), System::nanoTime);

	private final GrpcBranchInvoker invoker = new GrpcBranchInvoker(this.channels, UrlResolver.http());

	@AfterEach
	void stop() {
		this.channels.close();
		this.participant.close();
	}

	@Test
	void whenBranchIsCalledThePayloadBytesShouldArriveUnchanged() {
		byte[] payload = { 0, (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, 10, 13, (byte) 0x80 };

		BranchCallResult result = this.invoker.invoke(request("g-bytes", this.participant.url(METHOD), payload));

		assertThat(result.outcome()).isEqualTo(BranchOutcome.SUCCESS);
		assertThat(this.participant.calls("g-bytes")).singleElement().satisfies((call) -> {
			assertThat(call.method()).isEqualTo(METHOD);
			assertThat(call.payload()).isEqualTo(payload);
		});
	}

	@Test
	void whenPayloadIsMissingShouldSendAnEmptyMessage() {
		this.invoker.invoke(request("g-empty", this.participant.url(METHOD), null));

		assertThat(this.participant.calls("g-empty")).singleElement()
			.satisfies((call) -> assertThat(call.payload()).isEmpty());
	}

	@Test
	void whenBranchIsCalledShouldSendDtmMetadataAndBranchHeaders() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Tenant", "t1");
		headers.put("authorization", "Bearer abc");
		headers.put("bad!name", "skipped");
		headers.put("trace-bin", "skipped: binary metadata");
		BranchRequest request = new BranchRequest(this.participant.url(METHOD), "g-meta", TransType.TCC, "0102",
				BranchOp.CONFIRM, new byte[] { 1 }, headers, Duration.ofSeconds(3), "grpc");

		BranchCallResult result = this.invoker.invoke(request);

		assertThat(result.outcome()).isEqualTo(BranchOutcome.SUCCESS);
		Map<String, String> metadata = this.participant.calls("g-meta").get(0).metadata();
		assertThat(metadata).containsEntry("dtm-gid", "g-meta")
			.containsEntry("dtm-trans_type", "tcc")
			.containsEntry("dtm-branch_id", "0102")
			.containsEntry("dtm-op", "confirm")
			.containsEntry("dtm-dtm", "")
			.containsEntry("x-tenant", "t1")
			.containsEntry("authorization", "Bearer abc")
			.doesNotContainKeys("bad!name", "trace-bin", "X-Tenant");
	}

	@Test
	void whenMsgIsCheckedBackShouldCallWithBranchZeroZeroOpMsgAndAnEmptyMessage() {
		String url = this.participant.url("busi.Busi/QueryPrepared");
		this.participant.script("g-check", "busi.Busi/QueryPrepared", Reply.failure());
		BranchRequest checkBack = new BranchRequest(url, "g-check", TransType.MSG, MsgProcessor.CHECK_BACK_BRANCH_ID,
				BranchOp.MSG, new byte[0], Map.of(), Duration.ofSeconds(3), "grpc");

		assertThat(this.invoker.invoke(checkBack).outcome()).isEqualTo(BranchOutcome.FAILURE);
		assertThat(this.participant.calls("g-check")).singleElement().satisfies((call) -> {
			assertThat(call.payload()).isEmpty();
			assertThat(call.metadata()).containsEntry("dtm-trans_type", "msg")
				.containsEntry("dtm-branch_id", "00")
				.containsEntry("dtm-op", "msg");
		});
	}

	@Test
	void whenParticipantAnswersAStatusItShouldBeReadAsDtmReadsIt() {
		String url = this.participant.url(METHOD);
		this.participant.script("g-status", METHOD, Reply.failure(),
				new Reply(Status.Code.ABORTED, "ONGOING", Duration.ZERO), Reply.ongoing(),
				new Reply(Status.Code.ABORTED, "not enough balance", Duration.ZERO), Reply.error(),
				new Reply(Status.Code.UNIMPLEMENTED, "", Duration.ZERO));

		assertThat(this.invoker.invoke(request("g-status", url, new byte[0])))
			.isEqualTo(new BranchCallResult(BranchOutcome.FAILURE, "gRPC ABORTED FAILURE", "ABORTED"));
		assertThat(this.invoker.invoke(request("g-status", url, new byte[0])))
			.isEqualTo(new BranchCallResult(BranchOutcome.ONGOING, "gRPC ABORTED ONGOING", "ABORTED"));
		assertThat(this.invoker.invoke(request("g-status", url, new byte[0]))).isEqualTo(
				new BranchCallResult(BranchOutcome.ONGOING, "gRPC FAILED_PRECONDITION ONGOING", "FAILED_PRECONDITION"));
		assertThat(this.invoker.invoke(request("g-status", url, new byte[0])))
			.isEqualTo(new BranchCallResult(BranchOutcome.FAILURE, "gRPC ABORTED not enough balance", "ABORTED"));
		assertThat(this.invoker.invoke(request("g-status", url, new byte[0])))
			.isEqualTo(new BranchCallResult(BranchOutcome.ERROR, "gRPC INTERNAL boom", "INTERNAL"));
		assertThat(this.invoker.invoke(request("g-status", url, new byte[0])))
			.extracting(BranchCallResult::outcome, BranchCallResult::code)
			.containsExactly(BranchOutcome.ERROR, "UNIMPLEMENTED");
		assertThat(this.invoker.invoke(request("g-status", url, new byte[0])).outcome())
			.as("the default reply after the script")
			.isEqualTo(BranchOutcome.SUCCESS);
	}

	@Test
	void whenParticipantIsDownShouldBeARetryableError() {
		String url = this.participant.url(METHOD);
		this.participant.close();

		BranchCallResult result = this.invoker.invoke(request("g-down", url, new byte[0]));

		assertThat(result.outcome()).isEqualTo(BranchOutcome.ERROR);
		assertThat(result.detail()).startsWith("gRPC UNAVAILABLE");
		assertThat(result.code()).isEqualTo("UNAVAILABLE");
	}

	@Test
	void whenParticipantAnswersAfterTheTimeoutShouldBeAnErrorNamingTheTimeout() {
		this.participant.script("g-slow", METHOD, Reply.slow(Duration.ofSeconds(2)));
		BranchRequest request = new BranchRequest(this.participant.url(METHOD), "g-slow", TransType.SAGA, "01",
				BranchOp.ACTION, new byte[0], Map.of(), Duration.ofMillis(200), "grpc");

		long start = System.nanoTime();
		BranchCallResult result = this.invoker.invoke(request);

		assertThat(result)
			.isEqualTo(new BranchCallResult(BranchOutcome.ERROR, "timed out after 200 ms", "DEADLINE_EXCEEDED"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
	}

	@Test
	void whenManyCallsGoToOneParticipantShouldReuseOneChannel() {
		for (int i = 0; i < 100; i++) {
			assertThat(this.invoker.invoke(request("g-reuse", this.participant.url(METHOD), new byte[] { (byte) i }))
				.outcome()).isEqualTo(BranchOutcome.SUCCESS);
		}

		assertThat(this.participant.calls("g-reuse")).hasSize(100);
		assertThat(this.channelsCreated).hasValue(1);
		assertThat(this.channels.size()).isOne();
	}

	@Test
	void whenTheGuardDeniesTheTargetShouldNotCallItAndSayWhy() {
		GrpcBranchInvoker guarded = new GrpcBranchInvoker(this.channels, UrlResolver.http(),
				new BranchUrlGuard(java.util.List.of("*"), java.util.List.of("127.0.0.1"),
						BranchUrlGuard.OwnEndpoints.NONE, BranchUrlGuard.Resolver.DNS));

		BranchCallResult result = guarded.invoke(request("g-denied", this.participant.url(METHOD), new byte[] { 1 }));

		assertThat(result.outcome()).isEqualTo(BranchOutcome.ERROR);
		assertThat(result.code()).isEqualTo(BranchCallResult.URL_DENIED);
		assertThat(result.detail()).contains("matches rule '127.0.0.1' of " + BranchUrlGuard.DENY);
		assertThat(this.participant.calls("g-denied")).isEmpty();
		assertThat(this.channelsCreated).as("no channel opened").hasValue(0);
	}

	@Test
	void whenUrlNamesAServiceShouldCallTheInstanceGrpcPortTheResolverGives() {
		int grpcPort = this.participant.port();
		UrlResolver registry = new UrlResolver() {

			@Override
			public boolean supports(URI url) {
				return "nacos".equals(url.getScheme());
			}

			@Override
			public URI resolve(URI url) {
				return URI.create("http://127.0.0.1:1" + url.getRawPath());
			}

			@Override
			public URI resolveGrpc(URI url) {
				return URI.create("http://127.0.0.1:" + grpcPort + url.getRawPath());
			}

		};
		GrpcBranchInvoker discovering = new GrpcBranchInvoker(this.channels,
				UrlResolver.withServices(java.util.List.of(registry)));

		BranchCallResult result = discovering.invoke(request("g-nacos", "nacos://busi/" + METHOD, new byte[] { 7 }));

		assertThat(result.outcome()).isEqualTo(BranchOutcome.SUCCESS);
		assertThat(this.participant.calls("g-nacos")).singleElement()
			.satisfies((call) -> assertThat(call.method()).isEqualTo(METHOD));
	}

	@Test
	void whenServiceCannotBeResolvedNowShouldBeARetryableError() {
		BranchCallResult result = this.invoker.invoke(request("g-lb", "lb://busi/" + METHOD, new byte[0]));

		assertThat(result).isEqualTo(new BranchCallResult(BranchOutcome.ERROR,
				"cannot resolve the URL now: no resolver for URL scheme 'lb'", BranchCallResult.UNRESOLVED_URL));
	}

	@Test
	void whenUrlIsMalformedShouldBeAnErrorNamingTheUrl() {
		BranchCallResult result = this.invoker.invoke(request("g-bad", "localhost:50051", new byte[0]));

		assertThat(result.outcome()).isEqualTo(BranchOutcome.ERROR);
		assertThat(result.detail()).contains("gRPC URL 'localhost:50051' is malformed");
		assertThat(result.code()).isEqualTo(BranchCallResult.INVALID_REQUEST);
	}

	@Test
	void whenUrlIsEmptyShouldSucceedWithoutACall() {
		assertThat(this.invoker.invoke(request("g-none", "", new byte[0])).outcome()).isEqualTo(BranchOutcome.SUCCESS);
		assertThat(this.channels.size()).isZero();
	}

	private static BranchRequest request(String gid, String url, byte[] payload) {
		return new BranchRequest(url, gid, TransType.SAGA, "01", BranchOp.ACTION, payload, Map.of(),
				Duration.ofSeconds(3), "grpc");
	}

}
