package io.dtm.client.workflow;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.client.DtmFailure;
import io.dtm.client.barrier.JdbcBarrier;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * The registry and runner of dtm workflows. Register each workflow once at startup under
 * a name; {@link #execute} runs it for a gid: it asks the coordinator for the gid's
 * recorded progress ({@code prepareWorkflow}), runs the handler (recorded steps return
 * their recorded outcome), then runs the commits (after success) or the rollbacks (after
 * a {@link DtmFailure}), last branch first, and submits the outcome. Any other exception
 * leaves the workflow unfinished: the coordinator calls the callback URL to resume it,
 * which runs it again for the same gid. The coordinator is reached over HTTP or over
 * dtm's gRPC API ({@link GrpcWorkflowCoordinator}); branches are called over HTTP or,
 * with grpc-java and {@code dtm-grpc-api} on the classpath, over gRPC (one channel per
 * {@code host:port}, shut down by {@link #close()}).
 */
public class DtmWorkflows implements AutoCloseable {

	private static final Duration DEFAULT_GRPC_TIMEOUT = Duration.ofSeconds(15);

	private final Map<String, Registered<?>> workflows = new ConcurrentHashMap<>();

	private final List<WorkflowInterceptor> interceptors = new CopyOnWriteArrayList<>();

	private final WorkflowCoordinator coordinator;

	private final BranchCaller caller;

	private final WorkflowCodec codec;

	private volatile String callbackUrl;

	private volatile JdbcBarrier jdbcBarrier;

	private volatile Duration grpcTimeout = DEFAULT_GRPC_TIMEOUT;

	private GrpcBranchCaller grpcCaller;

	private boolean closed;

	/**
	 * Create a runner that reaches the coordinator over HTTP.
	 * @param restClient the HTTP client for coordinator and branch calls
	 * @param coordinatorApiUrl the coordinator's API URL (ending in {@code /api/dtmsvr}),
	 * asked before each call
	 * @param objectMapper reads and writes payloads and results that are not bytes or
	 * text
	 */
	public DtmWorkflows(RestClient restClient, Supplier<String> coordinatorApiUrl, ObjectMapper objectMapper) {
		this(new HttpWorkflowCoordinator(restClient, checked(coordinatorApiUrl)), restClient, objectMapper);
	}

	/**
	 * Create a runner that reaches the coordinator through the given calls.
	 * @param coordinator the coordinator calls, such as a {@link GrpcWorkflowCoordinator}
	 * @param restClient the HTTP client for branch calls
	 * @param objectMapper reads and writes payloads and results that are not bytes or
	 * text
	 */
	public DtmWorkflows(WorkflowCoordinator coordinator, RestClient restClient, ObjectMapper objectMapper) {
		Assert.notNull(coordinator, "'coordinator' must not be null");
		Assert.notNull(restClient, "'restClient' must not be null");
		Assert.notNull(objectMapper, "'objectMapper' must not be null");
		this.coordinator = coordinator;
		this.caller = new BranchCaller(restClient);
		this.codec = new WorkflowCodec(objectMapper);
	}

	private static Supplier<String> checked(Supplier<String> coordinatorApiUrl) {
		Assert.notNull(coordinatorApiUrl, "'coordinatorApiUrl' must not be null");
		return coordinatorApiUrl;
	}

	/**
	 * Set the URL the coordinator calls to resume an unfinished workflow (sent as
	 * {@code query_prepared}); without it an interrupted workflow only continues when it
	 * is executed again.
	 * @param callbackUrl the full URL of the resume endpoint, may be {@code null}
	 */
	public void setCallbackUrl(String callbackUrl) {
		this.callbackUrl = callbackUrl;
	}

	/**
	 * Set the barrier that the {@link io.dtm.client.barrier.BranchBarrier}s handed to
	 * local steps, commits and rollbacks use in {@code barrier.call(...)}.
	 * @param jdbcBarrier the barrier of the application's database, may be {@code null}
	 */
	public void setJdbcBarrier(JdbcBarrier jdbcBarrier) {
		this.jdbcBarrier = jdbcBarrier;
	}

	/**
	 * The URL the coordinator calls to resume an unfinished workflow.
	 * @return the URL ({@code host:port/workflow.Workflow/Execute} for a gRPC callback),
	 * or {@code null}
	 */
	public String getCallbackUrl() {
		return this.callbackUrl;
	}

	/**
	 * Set the deadline of each gRPC branch call (15 seconds unless set).
	 * @param timeout the deadline
	 */
	public void setGrpcTimeout(Duration timeout) {
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.grpcTimeout = timeout;
	}

	/**
	 * Add an interceptor; interceptors run in the order added, the first outermost.
	 * @param interceptor the interceptor
	 */
	public void addInterceptor(WorkflowInterceptor interceptor) {
		Assert.notNull(interceptor, "'interceptor' must not be null");
		this.interceptors.add(interceptor);
	}

	/**
	 * Register a workflow whose payload is read as the given type.
	 * @param <P> the payload type
	 * @param name the name (sent to the coordinator; must be the same on every instance)
	 * @param payloadType the payload type: bytes, text or a JSON type
	 * @param handler the workflow
	 * @throws IllegalStateException if the name is taken
	 */
	public <P> void register(String name, Class<P> payloadType, WorkflowHandler<P> handler) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(payloadType, "'payloadType' must not be null");
		Assert.notNull(handler, "'handler' must not be null");
		if (this.workflows.putIfAbsent(name, new Registered<>(payloadType, handler)) != null) {
			throw new IllegalStateException("a workflow named '" + name + "' is already registered");
		}
	}

	/**
	 * Register a workflow whose payload is its raw bytes.
	 * @param name the name
	 * @param handler the workflow
	 * @throws IllegalStateException if the name is taken
	 */
	public void register(String name, WorkflowHandler<byte[]> handler) {
		register(name, byte[].class, handler);
	}

	/**
	 * Whether a workflow is registered under a name.
	 * @param name the name
	 * @return whether it is
	 */
	public boolean isRegistered(String name) {
		return this.workflows.containsKey(name);
	}

	/**
	 * Run a workflow for a gid: start it, or resume it if the gid exists.
	 * @param name the workflow's name
	 * @param gid the gid
	 * @param payload the payload: bytes, text or an object written as JSON (a resumed
	 * workflow gets the payload it was started with)
	 * @return the result
	 * @throws DtmFailure when the workflow failed (its rollbacks have run)
	 * @throws io.dtm.client.DtmOngoing when a step answered ONGOING (unfinished)
	 * @throws WorkflowCoordinatorException when the coordinator could not be reached or
	 * answered with an error (unfinished)
	 * @throws IllegalArgumentException when no workflow has the name
	 */
	public WorkflowResult execute(String name, String gid, Object payload) {
		Assert.hasText(gid, "'gid' must not be empty");
		Registered<?> registered = this.workflows.get(name);
		if (registered == null) {
			throw new IllegalArgumentException("no workflow named '" + name + "' is registered");
		}
		byte[] data = this.codec.write(payload);
		WorkflowProgress progress = this.coordinator.prepare(gid, name, data, this.callbackUrl);
		if (progress.isSucceeded()) {
			return new WorkflowResult(Base64.getDecoder().decode(progress.result()), this.codec);
		}
		if (progress.isFailed()) {
			throw DtmFailure.of(progress.rollbackReason(), gid);
		}
		Workflow workflow = new Workflow(name, gid, progress.steps(), this.coordinator, this.codec,
				List.copyOf(this.interceptors), this.caller, this::grpcCaller, this.jdbcBarrier);
		byte[] result = null;
		DtmFailure failure = null;
		try {
			result = this.codec.write(registered.run(workflow, data, this.codec));
		}
		catch (DtmFailure ex) {
			failure = ex;
		}
		workflow.finish(failure != null);
		this.coordinator.submit(gid, result, failure);
		if (failure != null) {
			throw failure;
		}
		return new WorkflowResult(result, this.codec);
	}

	/**
	 * The gRPC branch caller, opened on first use.
	 * @throws IllegalStateException when grpc-java or {@code dtm-grpc-api} is missing, or
	 * after {@link #close()}
	 */
	private synchronized GrpcBranchCaller grpcCaller() {
		if (this.closed) {
			throw new IllegalStateException("DtmWorkflows is closed: no more gRPC branch calls");
		}
		if (this.grpcCaller == null) {
			ClassLoader loader = DtmWorkflows.class.getClassLoader();
			if (!ClassUtils.isPresent("io.grpc.ManagedChannelBuilder", loader)
					|| !ClassUtils.isPresent("io.dtm.grpc.RawBytes", loader)) {
				throw new IllegalStateException("gRPC branch calls need grpc-java (io.grpc:grpc-netty or "
						+ "grpc-netty-shaded, grpc-stub) and io.dtm:dtm-grpc-api on the classpath");
			}
			this.grpcCaller = new GrpcBranchCaller(this.grpcTimeout);
		}
		return this.grpcCaller;
	}

	/**
	 * Shut down the channels of gRPC branch calls. The coordinator's channel is not
	 * closed here: it belongs to whoever made the {@link WorkflowCoordinator}.
	 */
	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.grpcCaller != null) {
			this.grpcCaller.close();
		}
	}

	record Registered<P>(Class<P> payloadType, WorkflowHandler<P> handler) {

		Object run(Workflow workflow, byte[] data, WorkflowCodec codec) {
			return this.handler.run(workflow, codec.read(data, this.payloadType));
		}

	}

}
