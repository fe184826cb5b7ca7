package io.dtm.client.web;

import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.core.BranchOp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link BranchBarrierArgumentResolver} and {@link DtmExceptionHandler}.
 */
class BranchBarrierWebTests {

	private static final DataSource DATA_SOURCE = new DriverManagerDataSource("jdbc:h2:mem:web;DB_CLOSE_DELAY=-1", "sa",
			"");

	private final AtomicReference<BranchBarrier> seen = new AtomicReference<>();

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("jdbcBarrier", JdbcBarrier.create(DATA_SOURCE));
		this.mvc = MockMvcBuilders.standaloneSetup(new Branches(this.seen))
			.setCustomArgumentResolvers(new BranchBarrierArgumentResolver(beans.getBeanProvider(JdbcBarrier.class)))
			.setControllerAdvice(new DtmExceptionHandler())
			.build();
	}

	@Test
	void whenBranchCallShouldResolveTheBarrier() throws Exception {
		this.mvc.perform(post("/ok?gid=g1&trans_type=saga&branch_id=01&op=compensate")).andExpect(status().isOk());
		assertThat(this.seen.get().getGid()).isEqualTo("g1");
		assertThat(this.seen.get().getOp()).isEqualTo(BranchOp.COMPENSATE);
		assertThat(this.seen.get().getOriginOp()).isEqualTo(BranchOp.ACTION);
	}

	@Test
	void whenParameterMissingShouldAnswer400NamingIt() throws Exception {
		this.mvc.perform(post("/ok?gid=g1&trans_type=saga&branch_id=01"))
			.andExpect(status().isBadRequest())
			.andExpect(content().json(
					"{\"message\":\"not a dtm branch call: missing query parameter 'op' "
							+ "(a branch URL is called by the coordinator with gid, trans_type, branch_id and op)\"}",
					true));
	}

	@Test
	void whenSeveralParametersMissingShouldAnswer400NamingEach() throws Exception {
		String body = this.mvc.perform(post("/ok?trans_type=saga"))
			.andExpect(status().isBadRequest())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body)
			.startsWith("{\"message\":\"not a dtm branch call: missing query parameters 'gid', " + "'branch_id', 'op'");
	}

	@Test
	void whenBarrierTableMissingShouldAnswer500WithD1001AndTheAction() throws Exception {
		String body = this.mvc.perform(post("/work?gid=g1&trans_type=saga&branch_id=01&op=action"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.code").value("D1001"))
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(body)
			.contains("\"message\":\"D1001 database connection failure: barrier table missing: table "
					+ "'dtm_barrier' does not exist")
			.contains("set dtm.client.barrier.initialize-schema=true, or run io/dtm/client/barrier/schema-h2.sql");
	}

	@Test
	void whenOpUnknownShouldAnswer400() throws Exception {
		this.mvc.perform(post("/ok?gid=g1&trans_type=saga&branch_id=01&op=nonsense"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void whenHandlerThrowsFailureShouldAnswer409() throws Exception {
		this.mvc.perform(post("/refuse"))
			.andExpect(status().isConflict())
			.andExpect(content().json("{\"dtm_result\":\"FAILURE\",\"message\":\"insufficient balance\"}"));
	}

	@Test
	void whenHandlerThrowsOngoingShouldAnswer425() throws Exception {
		this.mvc.perform(get("/later"))
			.andExpect(status().is(425))
			.andExpect(content().json("{\"dtm_result\":\"ONGOING\"}"));
	}

	@Test
	void whenRepliesUsedShouldCarryStatusAndResult() {
		assertThat(DtmReplies.success().getStatusCode().value()).isEqualTo(200);
		assertThat(DtmReplies.from(DtmFailure.of("no")).getStatusCode().value()).isEqualTo(409);
		assertThat(DtmReplies.from(DtmOngoing.ongoing()).getBody()).containsEntry("dtm_result", "ONGOING");
		assertThat(DtmReplies.from(new IllegalStateException())).isNull();
	}

	@RestController
	static class Branches {

		private final AtomicReference<BranchBarrier> seen;

		Branches(AtomicReference<BranchBarrier> seen) {
			this.seen = seen;
		}

		@PostMapping("/ok")
		void ok(BranchBarrier barrier) {
			this.seen.set(barrier);
		}

		@PostMapping("/work")
		void work(BranchBarrier barrier) {
			barrier.call((tx) -> tx.jdbcTemplate().update("UPDATE account SET balance = balance - 1"));
		}

		@PostMapping("/refuse")
		void refuse() {
			throw DtmFailure.of("insufficient balance");
		}

		@GetMapping("/later")
		void later() {
			throw DtmOngoing.ongoing();
		}

	}

}
