package io.dtm.samples.bench;

import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.dtm.grpc.DtmBranchRequest;
import io.dtm.grpc.DtmGrpc;
import io.dtm.grpc.DtmRequest;
import io.dtm.grpc.DtmTransOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;

/**
 * The same transactions as {@link DtmWorkload}, sent through the coordinator's gRPC API
 * ({@code dtmgimp.Dtm}) as dtm's gRPC clients send them: one channel shared by every
 * client thread, {@code BinPayloads} as raw bytes, {@code WaitResult} set.
 */
final class GrpcWorkload implements Workload {

	private static final ByteString PAYLOAD = ByteString.copyFromUtf8("{\"amount\":30}");

	private static final String EMPTY_STEPS = "[{\"action\":\"\",\"compensate\":\"\"},"
			+ "{\"action\":\"\",\"compensate\":\"\"}]";

	private final ManagedChannel channel;

	private final DtmGrpc.DtmBlockingStub dtm;

	private final String runId;

	private final ParticipantProcess participant;

	GrpcWorkload(int port, String runId, ParticipantProcess participant) {
		this.participant = participant;
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
		this.dtm = DtmGrpc.newBlockingStub(this.channel);
		this.runId = runId;
	}

	@Override
	public boolean run(Scenario scenario, long sequence) {
		String gid = this.runId + "-" + sequence;
		DtmTransOptions wait = DtmTransOptions.newBuilder().setWaitResult(true).build();
		DtmGrpc.DtmBlockingStub stub = this.dtm.withDeadlineAfter(30, TimeUnit.SECONDS);
		switch (scenario) {
			case SAGA_EMPTY -> stub.submit(DtmRequest.newBuilder()
				.setGid(gid)
				.setTransType("saga")
				.setTransOptions(wait)
				.setSteps(EMPTY_STEPS)
				.addBinPayloads(PAYLOAD)
				.addBinPayloads(PAYLOAD)
				.build());
			case SAGA_HTTP,
					SAGA_GRPC ->
				stub.submit(DtmRequest.newBuilder()
					.setGid(gid)
					.setTransType("saga")
					.setTransOptions(wait)
					.setSteps(DtmWorkload.steps(this.participant, scenario))
					.addBinPayloads(PAYLOAD)
					.addBinPayloads(PAYLOAD)
					.build());
			case MSG -> {
				DtmRequest msg = DtmRequest.newBuilder()
					.setGid(gid)
					.setTransType("msg")
					.setTransOptions(wait)
					.setQueryPrepared("127.0.0.1:1/bench.Busi/Query")
					.setSteps("[{\"action\":\"\"},{\"action\":\"\"}]")
					.addBinPayloads(ByteString.copyFromUtf8("{}"))
					.addBinPayloads(ByteString.copyFromUtf8("{}"))
					.build();
				stub.prepare(msg);
				stub.submit(msg);
			}
			case TCC -> {
				DtmRequest tcc = DtmRequest.newBuilder().setGid(gid).setTransType("tcc").setTransOptions(wait).build();
				stub.prepare(tcc);
				for (String branch : new String[] { "01", "02" }) {
					stub.registerBranch(DtmBranchRequest.newBuilder()
						.setGid(gid)
						.setTransType("tcc")
						.setBranchID(branch)
						.putData("confirm", "")
						.putData("cancel", "")
						.setBusiPayload(ByteString.copyFromUtf8("{}"))
						.build());
				}
				stub.submit(tcc);
			}
		}
		// a refusal is thrown as a StatusRuntimeException: the run counts it as an error
		// and reports the first one
		return true;
	}

	@Override
	public void close() {
		this.channel.shutdownNow();
	}

}
