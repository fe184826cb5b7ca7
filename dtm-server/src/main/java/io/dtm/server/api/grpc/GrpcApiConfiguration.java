package io.dtm.server.api.grpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.diagnostics.StoreFailures;
import io.dtm.server.service.GidGenerator;
import io.dtm.server.service.TopicService;
import io.dtm.server.service.TransCoordinator;
import io.grpc.netty.NettyServerBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.ServerBuilderCustomizer;

/**
 * dtm's gRPC API on {@code dtm.server.grpc.port} (36790), served by Spring gRPC's Netty
 * server together with its health service, reflection and observations; off with
 * {@code dtm.server.grpc.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.grpc.server.enabled", matchIfMissing = true)
class GrpcApiConfiguration {

	@Bean
	DtmGrpcApi dtmGrpcApi(TransCoordinator coordinator, TopicService topics, GidGenerator gids,
			ObjectMapper objectMapper) {
		return new DtmGrpcApi(coordinator, topics, gids, new GrpcRequests(objectMapper));
	}

	@Bean
	DtmGrpcExceptionHandler dtmGrpcExceptionHandler(ObjectProvider<StoreFailures> storeFailures,
			DtmServerProperties properties) {
		return new DtmGrpcExceptionHandler(storeFailures, properties.getStrict().isGrpcStatus());
	}

	/**
	 * The largest message the API takes is the HTTP API's request limit
	 * ({@code dtm.server.limits.max-request-bytes}), so both transports take the same
	 * transactions.
	 */
	@Bean
	ServerBuilderCustomizer<NettyServerBuilder> dtmGrpcMessageLimit(DtmServerProperties properties) {
		long max = Math.min(Integer.MAX_VALUE, properties.getLimits().getMaxRequestBytes());
		return (builder) -> builder.maxInboundMessageSize((int) max);
	}

}
