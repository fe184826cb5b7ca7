package io.dtm.client.barrier;

import org.junit.jupiter.api.BeforeAll;

/**
 * {@link JdbcBarrier} on embedded H2.
 */
class H2JdbcBarrierTests extends AbstractJdbcBarrierTests {

	@BeforeAll
	static void database() {
		dataSource = dataSource("jdbc:h2:mem:barrier;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000", "sa", "");
	}

	@Override
	BarrierDialect expectedDialect() {
		return BarrierDialect.H2;
	}

}
