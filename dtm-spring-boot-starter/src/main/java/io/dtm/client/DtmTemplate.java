package io.dtm.client;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.core.TransType;

import org.springframework.retry.support.RetryTemplate;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * The starter's {@link DtmOperations}: talks to the coordinator over HTTP with a
 * {@link RestClient} (or sends its transaction calls over another
 * {@link CoordinatorTransport}, such as dtm's gRPC API), retries calls that did not reach
 * the coordinator with the given {@link RetryTemplate}, and writes payloads with the
 * application's {@link ObjectMapper}. Thread-safe; the builders it returns are not.
 */
public class DtmTemplate implements DtmOperations {

	private final CoordinatorClient client;

	private final ObjectMapper objectMapper;

	private final Map<DataSource, JdbcBarrier> jdbcBarriers = new ConcurrentHashMap<>();

	private volatile Function<DataSource, JdbcBarrier> jdbcBarrierFactory = (dataSource) -> JdbcBarrier
		.create(dataSource);

	/**
	 * Create a template.
	 * @param restClient the HTTP client for coordinator and branch calls
	 * @param connectionDetails where the coordinator is
	 * @param retryTemplate how calls that did not reach the coordinator
	 * ({@link DtmCoordinatorUnavailableException}) are retried; retry nothing else, an
	 * answer from the coordinator is final
	 * @param objectMapper writes payloads that are not strings
	 */
	public DtmTemplate(RestClient restClient, DtmConnectionDetails connectionDetails, RetryTemplate retryTemplate,
			ObjectMapper objectMapper) {
		this(restClient, connectionDetails, retryTemplate, objectMapper, null);
	}

	/**
	 * Create a template whose transaction calls ({@code newGid}, {@code prepare},
	 * {@code submit}, {@code abort}, {@code registerBranch}) go over another transport,
	 * such as dtm's gRPC API; queries, the ping and the initiator's branch calls stay on
	 * HTTP.
	 * @param restClient the HTTP client for queries, the ping and branch calls
	 * @param connectionDetails where the coordinator's HTTP API is (its URL may be
	 * {@code null} when only the transport is used: queries and the ping then fail)
	 * @param retryTemplate how calls that did not reach the coordinator are retried
	 * @param objectMapper writes payloads that are not strings
	 * @param transport the transport of transaction calls, {@code null} for HTTP
	 */
	public DtmTemplate(RestClient restClient, DtmConnectionDetails connectionDetails, RetryTemplate retryTemplate,
			ObjectMapper objectMapper, CoordinatorTransport transport) {
		Assert.notNull(restClient, "'restClient' must not be null");
		Assert.notNull(connectionDetails, "'connectionDetails' must not be null");
		Assert.notNull(retryTemplate, "'retryTemplate' must not be null");
		Assert.notNull(objectMapper, "'objectMapper' must not be null");
		this.client = new CoordinatorClient(restClient, connectionDetails, retryTemplate, transport);
		this.objectMapper = objectMapper;
	}

	/**
	 * The API token of a coordinator that requires one
	 * ({@code dtm.server.security.api.tokens}): sent as {@code Authorization: Bearer} on
	 * every HTTP call to the coordinator, never on branch calls.
	 * @param token the token, {@code null} or blank for none
	 */
	public void setApiToken(String token) {
		this.client.setApiToken(token);
	}

	/**
	 * Set how {@link Msg#doAndSubmitDb} finds the barrier for a data source (the
	 * auto-configuration uses the configured {@link JdbcBarrier} bean for its data
	 * source).
	 * @param factory creates a barrier for a data source; results are cached
	 */
	public void setJdbcBarrierFactory(Function<DataSource, JdbcBarrier> factory) {
		Assert.notNull(factory, "'factory' must not be null");
		this.jdbcBarrierFactory = factory;
		this.jdbcBarriers.clear();
	}

	@Override
	public String newGid() {
		return this.client.newGid();
	}

	@Override
	public SagaStart saga(String gid) {
		return new Saga(this, gid);
	}

	@Override
	public MsgStart msg(String gid) {
		return new Msg(this, gid);
	}

	@Override
	public GlobalTransaction<Tcc> tcc(String gid) {
		return new GlobalTransaction<>(this, gid, TransType.TCC,
				(trans) -> new Tcc(this, trans.getGid(), null, trans.branchHeaders));
	}

	@Override
	public Tcc nestedTcc(String gid, String parentBranchId) {
		Assert.hasText(gid, "'gid' must not be empty");
		Assert.hasText(parentBranchId, "'parentBranchId' must not be empty");
		return new Tcc(this, gid, parentBranchId, Map.of());
	}

	@Override
	public GlobalTransaction<Xa> xa(String gid) {
		return new GlobalTransaction<>(this, gid, TransType.XA,
				(trans) -> new Xa(this, trans.getGid(), trans.branchHeaders));
	}

	@Override
	public void registerXaBranch(String gid, String branchId, String phase2Url) {
		Assert.hasText(phase2Url, "'phase2Url' must not be empty");
		this.client.registerBranch(new BranchRegistration(gid, TransType.XA, branchId, Map.of("url", phase2Url), null));
	}

	@Override
	public Optional<DtmTransaction> query(String gid) {
		Assert.hasText(gid, "'gid' must not be empty");
		return this.client.query(gid);
	}

	/**
	 * Check that the coordinator answers {@code /api/ping} (no retries).
	 * @throws DtmCoordinatorUnavailableException if it cannot be reached
	 * @throws DtmCoordinatorErrorException if it answers anything but 200
	 */
	public void ping() {
		this.client.ping();
	}

	/**
	 * The coordinator's API URL as the next call would use it.
	 * @return the URL, ending in {@code /api/dtmsvr}
	 */
	public String getServerUrl() {
		return this.client.apiUrl();
	}

	CoordinatorClient client() {
		return this.client;
	}

	JdbcBarrier jdbcBarrier(DataSource dataSource) {
		Assert.notNull(dataSource, "'dataSource' must not be null");
		return this.jdbcBarriers.computeIfAbsent(dataSource, this.jdbcBarrierFactory);
	}

	String payload(Object payload) {
		if (payload == null) {
			return null;
		}
		if (payload instanceof String text) {
			return text;
		}
		try {
			return this.objectMapper.writeValueAsString(payload);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("payload of type " + payload.getClass().getName()
					+ " cannot be written as JSON: " + ex.getMessage(), ex);
		}
	}

	BranchResponse branchResponse(String gid, String branchId, String url, CoordinatorClient.BranchCall call) {
		switch (call.outcome()) {
			case SUCCESS:
				return new BranchResponse(branchId, call.status(), call.body(), this.objectMapper);
			case FAILURE:
				throw DtmFailure.of("branch " + branchId + " at " + url + " refused: " + call.body(), gid);
			case ONGOING:
				throw new DtmBranchException(gid, branchId, url, call.status(),
						"answered ONGOING, but a try or XA action must finish before it answers", null);
			default:
				throw new DtmBranchException(gid, branchId, url, call.status(),
						(call.error() != null) ? TransportFailure.of(call.error()).reason() : call.body(),
						call.error());
		}
	}

}
