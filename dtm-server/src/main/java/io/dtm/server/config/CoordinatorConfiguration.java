package io.dtm.server.config;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.engine.AlertSender;
import io.dtm.server.engine.BranchInvoker;
import io.dtm.server.engine.EngineContext;
import io.dtm.server.engine.EngineMetrics;
import io.dtm.server.engine.GrpcBranchInvoker;
import io.dtm.server.engine.GrpcChannels;
import io.dtm.server.engine.HttpBranchInvoker;
import io.dtm.server.engine.JsonRpcBranchProtocol;
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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the engine: clock, executors, HTTP client, gRPC channels, processors, worker and
 * coordinator.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GrpcClientProperties.class)
public class CoordinatorConfiguration {

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
		return DtmExecutors.blocking("dtm-process", 64, 10_000);
	}

	@Bean
	ProcessingDrain dtmProcessingDrain(ExecutorService dtmProcessingExecutor, DtmServerProperties properties) {
		return new ProcessingDrain(dtmProcessingExecutor, properties.getCron().getShutdownGrace());
	}

	@Bean(destroyMethod = "shutdown")
	ExecutorService dtmBranchExecutor() {
		return DtmExecutors.blocking("dtm-branch", 128, 10_000);
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

	@Bean
	@ConditionalOnMissingBean
	BranchInvoker branchInvoker(HttpClient dtmHttpClient, UrlResolver urlResolver, ObjectMapper objectMapper,
			GidGenerator gidGenerator, GrpcChannels dtmGrpcChannels) {
		return new ProtocolBranchInvoker(
				new HttpBranchInvoker(dtmHttpClient, urlResolver), HttpBranchInvoker.jsonRpc(dtmHttpClient, urlResolver,
						new JsonRpcBranchProtocol(objectMapper), gidGenerator::next),
				new GrpcBranchInvoker(dtmGrpcChannels, urlResolver));
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
			DtmServerProperties properties) {
		EngineContext context = new EngineContext(store, statusMachine, invoker, schedule, dtmBranchExecutor,
				metrics.getIfAvailable(() -> EngineMetrics.NONE), Sleeper.THREAD,
				callLog.getIfAvailable(() -> BranchCallLog.NONE));
		TransWorker worker = new TransWorker(context, processors, dtmProcessingExecutor);
		storeFailures.ifAvailable(worker::setStoreFailureReporter);
		DtmServerProperties.Alert alert = properties.getAlert();
		alertSender.ifAvailable((sender) -> worker
			.setRetryAlerts(new RetryAlerts(sender, alert.getRetryLimit(), alert.isEveryRetry())));
		return worker;
	}

	@Bean
	RequestValidator requestValidator(DtmServerProperties properties, UrlResolver urlResolver,
			ObjectMapper objectMapper) {
		return new RequestValidator(properties, urlResolver, objectMapper);
	}

	@Bean
	TopicService topicService(TransStore store, ObjectMapper objectMapper, Schedule schedule) {
		return new TopicService(store, objectMapper, schedule);
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
