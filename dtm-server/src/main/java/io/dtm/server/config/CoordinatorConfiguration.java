package io.dtm.server.config;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.engine.AlertSender;
import io.dtm.server.engine.BranchInvoker;
import io.dtm.server.engine.BranchUrlGuard;
import io.dtm.server.engine.EngineContext;
import io.dtm.server.engine.EngineMetrics;
import io.dtm.server.engine.GidCorrelation;
import io.dtm.server.engine.GrpcBranchInvoker;
import io.dtm.server.engine.GrpcChannels;
import io.dtm.server.engine.HttpBranchInvoker;
import io.dtm.server.engine.JsonRpcBranchProtocol;
import io.dtm.server.engine.ObservedBranchInvoker;
import io.dtm.server.engine.Schedule;
import io.dtm.server.engine.MsgProcessor;
import io.dtm.server.engine.WorkflowProcessor;
import io.dtm.server.engine.ProtocolBranchInvoker;
import io.dtm.server.engine.RetryAlerts;
import io.dtm.server.engine.SagaProcessor;
import io.dtm.server.engine.ServiceUrlResolver;
import io.dtm.server.engine.Sleeper;
import io.dtm.server.engine.StatusMachine;
import io.dtm.server.engine.StoreFailureReporter;
import io.dtm.server.engine.TccProcessor;
import io.dtm.server.engine.TransProcessor;
import io.dtm.server.engine.TransitionListener;
import io.dtm.server.engine.TransitionLog;
import io.dtm.server.engine.TransWorker;
import io.dtm.server.engine.UrlResolver;
import io.dtm.server.engine.XaProcessor;
import io.dtm.server.service.AuditService;
import io.dtm.server.service.GidGenerator;
import io.dtm.server.service.RequestValidator;
import io.dtm.server.service.TopicService;
import io.dtm.server.service.TransCoordinator;
import io.dtm.server.service.TransFactory;
import io.dtm.server.store.AuditTrail;
import io.dtm.server.store.BranchCallLog;
import io.dtm.server.store.OptionsCodec;
import io.dtm.server.store.TransStore;
import io.dtm.server.tracing.EngineTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the engine: clock, executors, HTTP client, gRPC channels, processors, worker and
 * coordinator.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GrpcClientProperties.class)
public class CoordinatorConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(CoordinatorConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

	@Bean
	OptionsCodec optionsCodec(ObjectMapper objectMapper) {
		return new OptionsCodec(objectMapper);
	}

	@Bean(destroyMethod = "shutdown")
	ExecutorService dtmProcessingExecutor() {
		return DtmExecutors.propagatingObservations(DtmExecutors.blocking("dtm-process", 64, 10_000));
	}

	@Bean
	ProcessingDrain dtmProcessingDrain(ExecutorService dtmProcessingExecutor, DtmServerProperties properties) {
		return new ProcessingDrain(dtmProcessingExecutor, properties.getCron().getShutdownGrace());
	}

	@Bean(destroyMethod = "shutdown")
	ExecutorService dtmBranchExecutor() {
		return DtmExecutors.propagatingObservations(DtmExecutors.blocking("dtm-branch", 128, 10_000));
	}

	@Bean
	HttpClient dtmHttpClient() {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(3))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	UrlResolver urlResolver(ObjectProvider<ServiceUrlResolver> serviceResolvers) {
		return UrlResolver.withServices(serviceResolvers.orderedStream().toList());
	}

	@Bean(destroyMethod = "close")
	GrpcChannels dtmGrpcChannels(GrpcClientProperties grpcClientProperties) {
		return new GrpcChannels(grpcClientProperties.channelSettings());
	}

	/**
	 * The branch invoker: with tracing on, each call observed as {@code dtm.branch.call}
	 * (a client span whose context the participant receives).
	 */
	@Bean
	@ConditionalOnMissingBean
	BranchInvoker branchInvoker(HttpClient dtmHttpClient, UrlResolver urlResolver, ObjectMapper objectMapper,
			GidGenerator gidGenerator, GrpcChannels dtmGrpcChannels, BranchUrlGuard branchUrlGuard,
			ObjectProvider<EngineTracing> engineTracing) {
		EngineTracing tracing = engineTracing.getIfAvailable(() -> EngineTracing.NONE);
		ObservationRegistry registry = tracing.observations();
		GidCorrelation gids = tracing.correlation();
		return new ProtocolBranchInvoker(
				new ObservedBranchInvoker(new HttpBranchInvoker(dtmHttpClient, urlResolver, branchUrlGuard), "http",
						registry, gids),
				new ObservedBranchInvoker(HttpBranchInvoker.jsonRpc(dtmHttpClient, urlResolver,
						new JsonRpcBranchProtocol(objectMapper), gidGenerator::next, branchUrlGuard), "json-rpc",
						registry, gids),
				new ObservedBranchInvoker(new GrpcBranchInvoker(dtmGrpcChannels, urlResolver, branchUrlGuard), "grpc",
						registry, gids));
	}

	/**
	 * Which addresses may be called as branches
	 * ({@code dtm.server.security.branch-urls}).
	 * @param properties the rules
	 * @param environment the server and management ports
	 * @return the guard
	 */
	@Bean
	BranchUrlGuard branchUrlGuard(DtmServerProperties properties, Environment environment) {
		DtmServerProperties.BranchUrls rules = properties.getSecurity().getBranchUrls();
		int serverPort = environment.getProperty("server.port", Integer.class, 8080);
		int managementPort = environment.getProperty("management.server.port", Integer.class, -1);
		BranchUrlGuard guard = new BranchUrlGuard(rules.getAllow(), rules.getDeny(),
				new BranchUrlGuard.OwnEndpoints(
						() -> environment.getProperty("local.server.port", Integer.class, serverPort),
						(managementPort > 0 && managementPort != serverPort) ? managementPort : -1,
						environment.getProperty("management.endpoints.web.base-path", "/actuator")),
				BranchUrlGuard.Resolver.DNS);
		if (guard.allowsNothing()) {
			logger.warn("{} is empty: every branch URL is refused until you list your participants (hosts, CIDR"
					+ " blocks, nacos://services); see docs/security.md", BranchUrlGuard.ALLOW);
		}
		else if (guard.isPermissive()) {
			logger.warn(
					"{} is '*': API clients may make this coordinator call any address but link-local and"
							+ " cloud metadata ones; list your participants there for production (docs/security.md)",
					BranchUrlGuard.ALLOW);
		}
		return guard;
	}

	@Bean
	Schedule schedule(DtmServerProperties properties, Clock clock) {
		return new Schedule(properties, clock);
	}

	@Bean
	TransitionLog transitionLog() {
		return new TransitionLog();
	}

	@Bean
	StatusMachine statusMachine(TransStore store, Schedule schedule, ObjectProvider<TransitionListener> listeners) {
		return new StatusMachine(store, schedule, listeners.orderedStream().toList());
	}

	@Bean
	SagaProcessor sagaProcessor(ObjectMapper objectMapper) {
		return new SagaProcessor(objectMapper);
	}

	@Bean
	MsgProcessor msgProcessor(ObjectMapper objectMapper) {
		return new MsgProcessor(objectMapper);
	}

	@Bean
	WorkflowProcessor workflowProcessor(ObjectMapper objectMapper) {
		return new WorkflowProcessor(objectMapper);
	}

	@Bean
	TccProcessor tccProcessor() {
		return new TccProcessor();
	}

	@Bean
	XaProcessor xaProcessor() {
		return new XaProcessor();
	}

	@Bean
	TransWorker transWorker(TransStore store, StatusMachine statusMachine, BranchInvoker invoker, Schedule schedule,
			ExecutorService dtmBranchExecutor, ExecutorService dtmProcessingExecutor, List<TransProcessor> processors,
			ObjectProvider<EngineMetrics> metrics, ObjectProvider<StoreFailureReporter> storeFailures,
			ObjectProvider<AlertSender> alertSender, ObjectProvider<BranchCallLog> callLog,
			ObjectProvider<EngineTracing> engineTracing, DtmServerProperties properties) {
		EngineContext context = new EngineContext(store, statusMachine, invoker, schedule, dtmBranchExecutor,
				metrics.getIfAvailable(() -> EngineMetrics.NONE), Sleeper.THREAD,
				callLog.getIfAvailable(() -> BranchCallLog.NONE));
		TransWorker worker = new TransWorker(context, processors, dtmProcessingExecutor);
		storeFailures.ifAvailable(worker::setStoreFailureReporter);
		EngineTracing tracing = engineTracing.getIfAvailable(() -> EngineTracing.NONE);
		worker.setObservationRegistry(tracing.observations());
		worker.setGidCorrelation(tracing.correlation());
		DtmServerProperties.Alert alert = properties.getAlert();
		alertSender.ifAvailable((sender) -> worker
			.setRetryAlerts(new RetryAlerts(sender, alert.getRetryLimit(), alert.isEveryRetry())));
		return worker;
	}

	@Bean
	RequestValidator requestValidator(DtmServerProperties properties, UrlResolver urlResolver,
			ObjectMapper objectMapper, BranchUrlGuard branchUrlGuard) {
		return new RequestValidator(properties, urlResolver, objectMapper, branchUrlGuard);
	}

	@Bean
	TopicService topicService(TransStore store, ObjectMapper objectMapper, Schedule schedule,
			BranchUrlGuard branchUrlGuard) {
		return new TopicService(store, objectMapper, schedule, branchUrlGuard);
	}

	@Bean
	TransFactory transFactory(Schedule schedule, TopicService topicService) {
		return new TransFactory(schedule, topicService::subscriberUrls);
	}

	@Bean
	TransCoordinator transCoordinator(TransStore store, StatusMachine statusMachine, TransWorker worker,
			RequestValidator validator, TransFactory factory, Schedule schedule) {
		return new TransCoordinator(store, statusMachine, worker, validator, factory, schedule);
	}

	@Bean
	AuditService auditService(AuditTrail auditTrail, Schedule schedule, ObjectProvider<MeterRegistry> registry) {
		return new AuditService(auditTrail, schedule, registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	GidGenerator gidGenerator() {
		return new GidGenerator();
	}

}
