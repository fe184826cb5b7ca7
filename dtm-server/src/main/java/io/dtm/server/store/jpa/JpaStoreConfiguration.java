package io.dtm.server.store.jpa;

import io.dtm.server.store.OptionsCodec;
import io.dtm.server.store.TransStore;
import jakarta.persistence.EntityManager;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Selects the JPA store: the default, or {@code dtm.server.store.type=jpa}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dtm.server.store.type", havingValue = "jpa", matchIfMissing = true)
class JpaStoreConfiguration {

	@Bean
	JpaRowMapper jpaRowMapper(OptionsCodec optionsCodec) {
		return new JpaRowMapper(optionsCodec);
	}

	@Bean
	TransStore jpaTransStore(TransGlobalRepository globals, TransBranchRepository branches, KvRepository kvs,
			EntityManager entityManager, PlatformTransactionManager transactionManager, JpaRowMapper mapper) {
		return new JpaTransStore(globals, branches, kvs, entityManager, transactionManager, mapper);
	}

}
