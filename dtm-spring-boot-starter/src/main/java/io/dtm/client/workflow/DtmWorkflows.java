package io.dtm.client.workflow;

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
import org.springframework.web.client.RestClient;

/**
 * The registry and runner of dtm workflows. Register each workflow once at startup under
 * a name; {@link #execute} runs it for a gid: it asks the coordinator for the gid's
 * recorded progress ({@code prepareWorkflow}), runs the handler (recorded steps return
 * their recorded outcome), then runs the commits (after success) or the rollbacks (after
 * a {@link DtmFailure}), last branch first, and submits the outcome. Any other exception
 * leaves the workflow unfinished: the coordinator calls the callback URL to resume it,
 * which runs it again for the same gid.
 */
public class DtmWorkflows {

	private final Map<String, Registered<?>> workflows = new ConcurrentHashMap<>();

	private final List<WorkflowInterceptor> interceptors = new CopyOnWriteArrayList<>();

	private final WorkflowCoordinator coordinator;

	private final BranchCaller caller;

	private final WorkflowCodec codec;

	private volatile String callbackUrl;

	private volatile JdbcBarrier jdbcBarrier;

	/**
	 * Create a runner.
	 * @param restClient the HTTP client for coordinator and branch calls
	 * @param coordinatorApiUrl the coordinator's API URL (ending in {@code /api/dtmsvr}),
	 * asked before each call
	 * @param objectMapper reads and writes payloads and results that are not bytes or
	 * text
	 */
	public DtmWorkflows(RestClient restClient, Supplier<String> coordinatorApiUrl, ObjectMapper objectMapper) {
		Assert.notNull(restClient, "'restClient' must not be null");
		Assert.notNull(coordinatorApiUrl, "'coordinatorApiUrl' must not be null");
		Assert.notNull(objectMapper, "'objectMapper' must not be null");
		this.coordinator = new WorkflowCoordinator(restClient, coordinatorApiUrl);
		this.caller = new BranchCaller(restClient);
		this.codec = new WorkflowCodec(objectMapper);
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
				List.copyOf(this.interceptors), this.caller, this.jdbcBarrier);
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

	record Registered<P>(Class<P> payloadType, WorkflowHandler<P> handler) {

		Object run(Workflow workflow, byte[] data, WorkflowCodec codec) {
			return this.handler.run(workflow, codec.read(data, this.payloadType));
		}

	}

}
