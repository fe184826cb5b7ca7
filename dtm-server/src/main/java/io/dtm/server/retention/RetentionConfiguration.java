package io.dtm.server.retention;

import java.time.Clock;

import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.config.DtmServerProperties.StoreType;
import io.dtm.server.engine.Sleeper;
import io.dtm.server.instance.InstanceIdentity;
import io.dtm.server.store.JobLease;
import io.dtm.server.store.RetentionStore;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The retention cleanup of the SQL store (the Redis store expires its keys instead).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = StoreType.PROPERTY, havingValue = "jpa", matchIfMissing = true)
class RetentionConfiguration {

	@Bean
	RetentionSweeper retentionSweeper(RetentionStore store, JobLease lease, Clock clock, DtmServerProperties properties,
			MeterRegistry meters) {
		return new RetentionSweeper(store, lease, clock, Sleeper.THREAD, properties.getRetention(), meters);
	}

	@Bean
	RetentionJob retentionJob(RetentionSweeper sweeper, JobLease lease, InstanceIdentity identity,
			DtmServerProperties properties, MeterRegistry meters) {
		return new RetentionJob(sweeper, lease, identity::leaseOwner, properties.getRetention(), meters);
	}

}
