package io.dtm.client.workflow;

import com.google.protobuf.Empty;
import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.grpc.DtmGrpcStatuses;
import io.dtm.client.grpc.GrpcBranchBarriers;
import io.dtm.grpc.workflow.WorkflowData;
import io.dtm.grpc.workflow.WorkflowGrpc;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import org.springframework.util.Assert;

/**
 * dtm's workflow callback over gRPC ({@code workflow.Workflow/Execute}), the service the
 * coordinator calls to resume an unfinished workflow whose callback is a gRPC target: the
 * gid and the workflow's name come as metadata ({@code dtm-gid}, and {@code dtm-op} = the
 * name; {@code dtm-branch_id} is {@code 00}), the payload as {@code WorkflowData.Data}.
 * It executes the workflow again and answers OK, {@code ABORTED} when the workflow
 * failed, or {@code FAILED_PRECONDITION} for anything else (ongoing, or any error that
 * leaves it unfinished), so that the coordinator calls again. Served by the application's
 * gRPC server (Spring gRPC picks the auto-configured bean up).
 */
public class WorkflowResumeGrpcService implements WorkflowGrpc.AsyncService, BindableService {

	/**
	 * What follows the application's {@code host:port} in the callback URL.
	 */
	public static final String METHOD_PATH = "/" + WorkflowGrpc.getExecuteMethod().getFullMethodName();

	private static final Context.Key<Metadata> HEADERS = Context.key("dtm-workflow-headers");

	private final DtmWorkflows workflows;

	/**
	 * Create the service.
	 * @param workflows the workflows it resumes
	 */
	public WorkflowResumeGrpcService(DtmWorkflows workflows) {
		Assert.notNull(workflows, "'workflows' must not be null");
		this.workflows = workflows;
	}

	/**
	 * The service, behind an interceptor that hands the call's metadata to
	 * {@link #execute}.
	 * @return the service definition
	 */
	@Override
	public ServerServiceDefinition bindService() {
		return ServerInterceptors.intercept(WorkflowGrpc.bindService(this), new HeadersInterceptor());
	}

	/**
	 * Resume a workflow.
	 * @param request the workflow's payload
	 * @param reply OK, or the error status
	 */
	@Override
	public void execute(WorkflowData request, StreamObserver<Empty> reply) {
		Metadata headers = HEADERS.get();
		String gid = (headers != null) ? headers.get(GrpcBranchBarriers.GID) : null;
		String name = (headers != null) ? headers.get(GrpcBranchBarriers.OP) : null;
		if (gid == null || gid.isEmpty() || name == null || name.isEmpty()) {
			reply.onError(Status.INVALID_ARGUMENT
				.withDescription("not a dtm workflow call: gRPC metadata dtm-gid and dtm-op (the workflow's name) "
						+ "are required")
				.asRuntimeException());
			return;
		}
		try {
			this.workflows.execute(name, gid, request.getData().toByteArray());
		}
		catch (DtmFailure | DtmOngoing outcome) {
			reply.onError(DtmGrpcStatuses.toStatus(outcome).asRuntimeException());
			return;
		}
		catch (RuntimeException ex) {
			// without the cause: DtmGrpcServerInterceptor would read a DtmFailure in its
			// chain
			reply.onError(
					Status.FAILED_PRECONDITION
						.withDescription("workflow " + gid + " is not finished: " + ex.getClass().getSimpleName() + ": "
								+ ex.getMessage())
						.asRuntimeException());
			return;
		}
		reply.onNext(Empty.getDefaultInstance());
		reply.onCompleted();
	}

	/**
	 * Puts the call's metadata into the gRPC {@link Context} of the handler.
	 */
	private static final class HeadersInterceptor implements ServerInterceptor {

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, next);
		}

	}

}
