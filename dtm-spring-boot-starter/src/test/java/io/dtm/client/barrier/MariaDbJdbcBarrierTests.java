package io.dtm.client.barrier;

import io.dtm.testsupport.ExternalServices;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link JdbcBarrier} on a real MariaDB/MySQL server.
 */
class MariaDbJdbcBarrierTests extends AbstractJdbcBarrierTests {

	@BeforeAll
	static void database() {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("barrier");
		dataSource = dataSource(db.url(), db.user(), db.password());
	}

	@Override
	BarrierDialect expectedDialect() {
		return BarrierDialect.MYSQL;
	}

}
