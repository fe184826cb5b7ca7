package io.dtm.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.client.CoordinatorTransport;
import io.dtm.client.DtmConnectionDetails;
import io.dtm.client.DtmOperations;
import io.dtm.client.DtmTemplate;
import io.dtm.client.DtmTemplateCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of {@link DtmTemplate}: the coordinator's location from
 * {@code dtm.client.server-url} (or discovery, see
 * {@link DtmDiscoveryAutoConfiguration}), a {@link RestClient} with the configured
 * timeouts, and Spring Retry for coordinator calls that did not reach the coordinator.
 * With {@code dtm.client.transport=grpc} the transaction calls go through the
 * {@link CoordinatorTransport} bean instead (see {@link DtmGrpcAutoConfiguration}).
 */
@AutoConfiguration(after = { JacksonAutoConfiguration.class, RestClientAutoConfiguration.class })
@EnableConfigurationProperties(DtmClientProperties.class)
public class DtmClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(DtmConnectionDetails.class)
	@ConditionalOnProperty(prefix = "dtm.client", name = "server-url")
	PropertiesDtmConnectionDetails dtmConnectionDetails(DtmClientProperties properties) {
		return new PropertiesDtmConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean(DtmOperations.class)
	DtmTemplate dtmTemplate(DtmClientProperties properties, ObjectProvider<DtmConnectionDetails> connectionDetails,
			ObjectProvider<RestClient.Builder> restClientBuilder, ObjectProvider<ObjectMapper> objectMapper,
			ObjectProvider<DtmTemplateCustomizer> customizers, ObjectProvider<CoordinatorTransport> transports) {
		CoordinatorTransport transport = null;
		DtmConnectionDetails connection;
		if (properties.getTransport() == DtmClientProperties.Transport.GRPC) {
			transport = transports.getIfAvailable(() -> {
				throw new IllegalStateException("dtm.client.transport=grpc needs dtm-grpc-api and a gRPC transport "
						+ "(io.grpc:grpc-netty or grpc-netty-shaded) on the classpath, or a CoordinatorTransport bean");
			});
			// queries and the health check still use HTTP; without a location they fail
			connection = connectionDetails.getIfAvailable(() -> () -> null);
		}
		else {
			connection = connectionDetails.getIfAvailable(() -> {
				throw new DtmCoordinatorNotConfiguredException(properties.getServiceName());
			});
		}
		DtmTemplate template = new DtmTemplate(
				restClient(properties, restClientBuilder.getIfAvailable(RestClient::builder)), connection,
				retryTemplate(properties.getRetry()), objectMapper.getIfAvailable(ObjectMapper::new), transport);
		// on coordinator calls only: the same client also calls branches (TCC try, XA)
		template.setApiToken(properties.getApiToken());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(template));
		return template;
	}

	/**
	 * A client for calls to the coordinator: {@link #restClient} plus the API token, if
	 * one is configured.
	 * @param properties the client settings
	 * @param builder the builder
	 * @return the client
	 */
	static RestClient coordinatorRestClient(DtmClientProperties properties, RestClient.Builder builder) {
		String token = properties.getApiToken();
		if (token != null && !token.isBlank()) {
			builder = builder.defaultHeader("Authorization", "Bearer " + token.strip());
		}
		return restClient(properties, builder);
	}

	static RestClient restClient(DtmClientProperties properties, RestClient.Builder builder) {
		ClientHttpRequestFactorySettings settings = ClientHttpRequestFactorySettings.defaults()
			.withConnectTimeout(properties.getConnectTimeout())
			.withReadTimeout(properties.getReadTimeout());
		return builder.requestFactory(ClientHttpRequestFactoryBuilder.detect().build(settings)).build();
	}

	static RetryTemplate retryTemplate(DtmClientProperties.Retry retry) {
		if (!retry.isEnabled()) {
			return RetryTemplate.builder().maxAttempts(1).build();
		}
		return RetryTemplate.builder()
			.maxAttempts(Math.max(1, retry.getMaxAttempts()))
			.exponentialBackoff(retry.getInitialInterval(), retry.getMultiplier(), retry.getMaxInterval())
			.retryOn(io.dtm.client.DtmCoordinatorUnavailableException.class)
			.build();
	}

}
