package io.dtm.server.instance;

import java.time.Clock;

import io.dtm.server.DtmServerApplication;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.engine.TransWorker;
import io.dtm.server.store.InstanceRegistry;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * This instance's identity and its heartbeat in the instance registry.
 */
@Configuration(proxyBeanMethods = false)
class InstanceConfiguration {

	@Bean
	InstanceIdentity instanceIdentity(Environment environment, DtmServerProperties properties) {
		String built = DtmServerApplication.class.getPackage().getImplementationVersion();
		return new InstanceIdentity(InstanceIdentity.localHost(),
				environment.getProperty("server.port", Integer.class, 8080),
				(built != null) ? built : properties.getVersion());
	}

	@Bean
	InstanceHeartbeat instanceHeartbeat(InstanceRegistry registry, InstanceIdentity identity, TransWorker worker,
			DtmServerProperties properties, Clock clock) {
		return new InstanceHeartbeat(registry, identity, worker::passesInProgress, properties.getCron().isEnabled(),
				clock, properties.getInstances());
	}

	/**
	 * The port the HTTP server bound (not the management server's).
	 * @param identity the identity
	 * @return the listener
	 */
	@Bean
	ApplicationListener<WebServerInitializedEvent> instanceHttpPortListener(InstanceIdentity identity) {
		return (event) -> {
			if (event.getApplicationContext().getServerNamespace() == null) {
				identity.httpServerStarted(event.getWebServer().getPort());
			}
		};
	}

	@Bean
	ApplicationListener<GrpcServerStartedEvent> instanceGrpcPortListener(InstanceIdentity identity) {
		return (event) -> identity.grpcServerStarted(event.getPort());
	}

}
