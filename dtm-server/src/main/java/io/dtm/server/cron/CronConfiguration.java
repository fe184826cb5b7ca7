package io.dtm.server.cron;

import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.engine.Schedule;
import io.dtm.server.engine.StoreFailureReporter;
import io.dtm.server.engine.TransWorker;
import io.dtm.server.instance.InstanceIdentity;
import io.dtm.server.store.TransStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the cron unless {@code dtm.server.cron.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dtm.server.cron.enabled", havingValue = "true", matchIfMissing = true)
class CronConfiguration {

	@Bean
	TransCron transCron(TransStore store, TransWorker worker, Schedule schedule, DtmServerProperties properties,
			ObjectProvider<StoreFailureReporter> storeFailures, ObjectProvider<InstanceIdentity> identity,
			ObjectProvider<CronMetrics> metrics) {
		TransCron cron = new TransCron(store, worker, schedule, properties.getCron());
		storeFailures.ifAvailable(cron::setStoreFailureReporter);
		metrics.ifAvailable(cron::setMetrics);
		identity.ifAvailable((instance) -> cron.setLeaseOwners(instance::leaseOwner));
		return cron;
	}

}
