package io.dtm.server.protocol;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.dtm.grpc.DtmBranchRequest;
import io.dtm.grpc.DtmGrpc;
import io.dtm.grpc.DtmRequest;
import io.dtm.grpc.DtmTransOptions;
import io.dtm.server.testsupport.GrpcParticipant;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Shared set-up of the gRPC protocol tests: on top of {@link ProtocolTestSupport} (the
 * coordinator and its HTTP API, used to read what was stored), a real gRPC client of the
 * coordinator's {@code dtmgimp.Dtm} service built from dtm's proto and a real gRPC
 * participant that records every branch call. Methods are named per gid
 * ({@code <gid>.Busi/TransOut}), so scripts never leak between tests.
 */
abstract class GrpcProtocolTestSupport extends ProtocolTestSupport {

	/** Bytes that are not UTF-8: a branch must receive them unchanged. */
	static final byte[] BINARY = { 0, (byte) 0xff, (byte) 0xfe, 0x7f, (byte) 0x80, '{', 0 };

	static GrpcParticipant grpcParticipant;

	@Value("${local.grpc.port}")
	int grpcPort;

	ManagedChannel channel;

	DtmGrpc.DtmBlockingStub grpc;

	@BeforeAll
	static void startGrpcParticipant() {
		grpcParticipant = GrpcParticipant.start();
	}

	@AfterAll
	static void stopGrpcParticipant() {
		grpcParticipant.close();
	}

	@BeforeEach
	void grpcClient() {
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", this.grpcPort).usePlaintext().build();
		this.grpc = DtmGrpc.newBlockingStub(this.channel).withDeadlineAfter(30, TimeUnit.SECONDS);
	}

	@AfterEach
	void closeGrpcClient() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	/** The full method name of a participant method unique to the gid. */
	static String method(String gid, String name) {
		return gid + ".Busi/" + name;
	}

	/** The gRPC branch URL of a participant method unique to the gid. */
	static String grpcUrl(String gid, String name) {
		return grpcParticipant.url(method(gid, name));
	}

	/** The gid's calls as {@code Method@op}, without the service prefix. */
	static List<String> grpcTrace(String gid) {
		return grpcParticipant.trace(gid).stream().map((call) -> call.substring(call.indexOf('/') + 1)).toList();
	}

	static List<GrpcParticipant.Call> grpcCalls(String gid, String name) {
		return grpcParticipant.calls(gid).stream().filter((call) -> call.method().equals(method(gid, name))).toList();
	}

	/** A saga of TransOut/TransIn over gRPC, with a binary first payload. */
	static DtmRequest.Builder grpcTransfer(String gid) {
		return DtmRequest.newBuilder()
			.setGid(gid)
			.setTransType("saga")
			.setSteps(steps(Map.of("action", grpcUrl(gid, "TransOut"), "compensate", grpcUrl(gid, "TransOutRevert")),
					Map.of("action", grpcUrl(gid, "TransIn"), "compensate", grpcUrl(gid, "TransInRevert"))))
			.addBinPayloads(ByteString.copyFrom(BINARY))
			.addBinPayloads(ByteString.copyFromUtf8("{\"amount\":30}"));
	}

	/** A msg of the given gRPC actions with a gRPC check-back. */
	static DtmRequest.Builder grpcMsg(String gid, String... actions) {
		DtmRequest.Builder builder = DtmRequest.newBuilder()
			.setGid(gid)
			.setTransType("msg")
			.setQueryPrepared(grpcUrl(gid, "QueryPrepared"));
		@SuppressWarnings("unchecked")
		Map<String, String>[] steps = new Map[actions.length];
		for (int i = 0; i < actions.length; i++) {
			steps[i] = Map.of("action", grpcUrl(gid, actions[i]));
			builder.addBinPayloads(ByteString.copyFromUtf8("{\"step\":\"" + actions[i] + "\"}"));
		}
		return builder.setSteps(steps(steps));
	}

	static DtmRequest twoPhase(String gid, String type) {
		return DtmRequest.newBuilder().setGid(gid).setTransType(type).build();
	}

	static DtmTransOptions.Builder options() {
		return DtmTransOptions.newBuilder();
	}

	static DtmBranchRequest tccBranch(String gid, String branchId, byte[] payload) {
		return DtmBranchRequest.newBuilder()
			.setGid(gid)
			.setTransType("tcc")
			.setBranchID(branchId)
			.putData("confirm", grpcUrl(gid, "TccConfirm" + branchId))
			.putData("cancel", grpcUrl(gid, "TccCancel" + branchId))
			.setBusiPayload(ByteString.copyFrom(payload))
			.build();
	}

	@SafeVarargs
	static String steps(Map<String, String>... steps) {
		try {
			return JSON.writeValueAsString(List.of(steps));
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static StatusRuntimeException failure(Runnable call) {
		return catchThrowableOfType(StatusRuntimeException.class, call::run);
	}

}
