package io.dtm.client.web;

import java.util.concurrent.atomic.AtomicReference;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.core.BranchOp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link BranchBarrierArgumentResolver} and {@link DtmExceptionHandler}.
 */
class BranchBarrierWebTests {

	private final AtomicReference<BranchBarrier> seen = new AtomicReference<>();

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		this.mvc = MockMvcBuilders.standaloneSetup(new Branches(this.seen))
			.setCustomArgumentResolvers(
					new BranchBarrierArgumentResolver(beans.getBeanProvider(io.dtm.client.barrier.JdbcBarrier.class)))
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
	void whenParameterMissingShouldAnswer400() throws Exception {
		this.mvc.perform(post("/ok?gid=g1&trans_type=saga&branch_id=01")).andExpect(status().isBadRequest());
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
