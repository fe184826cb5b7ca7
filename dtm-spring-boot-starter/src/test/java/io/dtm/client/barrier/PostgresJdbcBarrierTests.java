package io.dtm.client.barrier;

import io.dtm.server.testsupport.ExternalServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * {@link JdbcBarrier} on a real PostgreSQL server.
 */
@Tag("integration")
class PostgresJdbcBarrierTests extends AbstractJdbcBarrierTests {

	@BeforeAll
	static void database() {
		ExternalServices.Db db = ExternalServices.freshPostgresSchema("barrier");
		dataSource = dataSource(db.url(), db.user(), db.password());
	}

	@Override
	BarrierDialect expectedDialect() {
		return BarrierDialect.POSTGRESQL;
	}

}
