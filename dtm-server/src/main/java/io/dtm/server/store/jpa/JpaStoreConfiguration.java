package io.dtm.server.store.jpa;

import javax.sql.DataSource;

import io.dtm.server.config.DtmServerProperties.StoreType;
import io.dtm.server.store.AuditTrail;
import io.dtm.server.store.BranchCallLog;
import io.dtm.server.store.InstanceRegistry;
import io.dtm.server.store.JobLease;
import io.dtm.server.store.OptionsCodec;
import io.dtm.server.store.RetentionStore;
import io.dtm.server.store.TransStore;
import jakarta.persistence.EntityManager;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Selects the JPA store: the default, or {@code dtm.server.store.type=jpa}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = StoreType.PROPERTY, havingValue = "jpa", matchIfMissing = true)
@EnableJpaRepositories(basePackageClasses = JpaTransStore.class, enableDefaultTransactions = false)
class JpaStoreConfiguration {

	/**
	 * Session-state caching for MySQL Connector/J (see {@link MySqlConnectionTuning}).
	 * @return the post-processor
	 */
	@Bean
	static MySqlConnectionTuning mySqlConnectionTuning() {
		return new MySqlConnectionTuning();
	}

	@Bean
	JpaRowMapper jpaRowMapper(OptionsCodec optionsCodec) {
		return new JpaRowMapper(optionsCodec);
	}

	@Bean
	TransStore jpaTransStore(TransGlobalRepository globals, KvRepository kvs, EntityManager entityManager,
			PlatformTransactionManager transactionManager, JpaRowMapper mapper, DataSource dataSource) {
		return new JpaTransStore(globals, kvs, entityManager, transactionManager, mapper, new JdbcTemplate(dataSource));
	}

	@Bean
	BranchCallLog jdbcBranchCallLog(DataSource dataSource) {
		return new JdbcBranchCallLog(new JdbcTemplate(dataSource));
	}

	@Bean
	AuditTrail jdbcAuditTrail(DataSource dataSource) {
		return new JdbcAuditTrail(new JdbcTemplate(dataSource));
	}

	@Bean
	InstanceRegistry jdbcInstanceRegistry(DataSource dataSource) {
		return new JdbcInstanceRegistry(new JdbcTemplate(dataSource));
	}

	@Bean
	RetentionStore jdbcRetentionStore(DataSource dataSource, PlatformTransactionManager transactionManager,
			BranchCallLog callLog) {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		return new JdbcRetentionStore(new JdbcTemplate(dataSource), transactions, callLog);
	}

	@Bean
	JobLease jdbcJobLease(DataSource dataSource) {
		return new JdbcJobLease(new JdbcTemplate(dataSource));
	}

}
