package io.dtm.client.barrier;

import io.dtm.server.testsupport.ExternalServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * {@link JdbcBarrier} on a real MariaDB/MySQL server.
 */
@Tag("integration")
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
