package io.dtm.server.api.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.dtm.grpc.DtmBranchRequest;
import io.dtm.grpc.DtmGidReply;
import io.dtm.grpc.DtmGrpc;
import io.dtm.grpc.DtmProgress;
import io.dtm.grpc.DtmProgressesReply;
import io.dtm.grpc.DtmRequest;
import io.dtm.grpc.DtmTopicRequest;
import io.dtm.grpc.DtmTransaction;
import io.dtm.server.service.GidGenerator;
import io.dtm.server.service.TopicService;
import io.dtm.server.service.TransCoordinator;
import io.dtm.server.service.WorkflowProgress;
import io.dtm.server.store.Branch;
import io.dtm.server.store.GlobalTrans;
import io.grpc.stub.StreamObserver;

/**
 * dtm's gRPC service {@code dtmgimp.Dtm}: each method a thin call of the service layer
 * that the HTTP API uses, so both transports share every rule. Errors are thrown and
 * become gRPC statuses in {@link DtmGrpcExceptionHandler}.
 */
class DtmGrpcApi extends DtmGrpc.DtmImplBase {

	private final TransCoordinator coordinator;

	private final TopicService topics;

	private final GidGenerator gids;

	private final GrpcRequests requests;

	DtmGrpcApi(TransCoordinator coordinator, TopicService topics, GidGenerator gids, GrpcRequests requests) {
		this.coordinator = coordinator;
		this.topics = topics;
		this.gids = gids;
		this.requests = requests;
	}

	@Override
	public void newGid(Empty request, StreamObserver<DtmGidReply> reply) {
		reply.onNext(DtmGidReply.newBuilder().setGid(this.gids.next()).build());
		reply.onCompleted();
	}

	@Override
	public void submit(DtmRequest request, StreamObserver<Empty> reply) {
		this.coordinator.submit(this.requests.trans(request));
		done(reply);
	}

	@Override
	public void prepare(DtmRequest request, StreamObserver<Empty> reply) {
		this.coordinator.prepare(this.requests.trans(request));
		done(reply);
	}

	@Override
	public void abort(DtmRequest request, StreamObserver<Empty> reply) {
		this.coordinator.abort(this.requests.trans(request));
		done(reply);
	}

	@Override
	public void registerBranch(DtmBranchRequest request, StreamObserver<Empty> reply) {
		this.coordinator.registerBranch(GrpcRequests.branchFields(request), request.getBusiPayload().toByteArray(),
				GrpcRequests.PROTOCOL);
		done(reply);
	}

	@Override
	public void prepareWorkflow(DtmRequest request, StreamObserver<DtmProgressesReply> reply) {
		WorkflowProgress progress = this.coordinator.prepareWorkflow(this.requests.trans(request));
		GlobalTrans trans = progress.trans();
		DtmProgressesReply.Builder answer = DtmProgressesReply.newBuilder()
			.setTransaction(DtmTransaction.newBuilder()
				.setGid(trans.gid())
				.setStatus(trans.status().wireValue())
				.setRollbackReason(nullToEmpty(trans.rollbackReason()))
				.setResult(nullToEmpty(trans.result())));
		for (Branch step : progress.progresses()) {
			answer.addProgresses(DtmProgress.newBuilder()
				.setStatus(step.status().wireValue())
				.setBinData(ByteString.copyFrom((step.binData() != null) ? step.binData() : new byte[0]))
				.setBranchID(step.branchId())
				.setOp(step.op().wireValue()));
		}
		reply.onNext(answer.build());
		reply.onCompleted();
	}

	private static String nullToEmpty(String text) {
		return (text != null) ? text : "";
	}

	@Override
	public void subscribe(DtmTopicRequest request, StreamObserver<Empty> reply) {
		this.topics.subscribe(request.getTopic(), request.getURL(), request.getRemark());
		done(reply);
	}

	@Override
	public void unsubscribe(DtmTopicRequest request, StreamObserver<Empty> reply) {
		this.topics.unsubscribe(request.getTopic(), request.getURL());
		done(reply);
	}

	@Override
	public void deleteTopic(DtmTopicRequest request, StreamObserver<Empty> reply) {
		this.topics.delete(request.getTopic());
		done(reply);
	}

	private static void done(StreamObserver<Empty> reply) {
		reply.onNext(Empty.getDefaultInstance());
		reply.onCompleted();
	}

}
