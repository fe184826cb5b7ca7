package io.dtm.server.api.grpc;

import com.google.protobuf.Empty;
import io.dtm.grpc.DtmBranchRequest;
import io.dtm.grpc.DtmGidReply;
import io.dtm.grpc.DtmGrpc;
import io.dtm.grpc.DtmRequest;
import io.dtm.grpc.DtmTopicRequest;
import io.dtm.server.service.GidGenerator;
import io.dtm.server.service.TopicService;
import io.dtm.server.service.TransCoordinator;
import io.grpc.stub.StreamObserver;

/**
 * dtm's gRPC service {@code dtmgimp.Dtm}: each method a thin call of the service layer
 * that the HTTP API uses, so both transports share every rule. Errors are thrown and
 * become gRPC statuses in {@link DtmGrpcExceptionHandler}. {@code PrepareWorkflow}
 * answers {@code UNIMPLEMENTED} until the workflow mode lands.
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
