package io.dtm.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the wire enums: stable lower-case wire strings, JSON round trips, and errors
 * that name the unknown value.
 */
class WireEnumsTests {

	private final ObjectMapper mapper = new ObjectMapper();

	@Test
	void wireValuesShouldMatchDtm() {
		assertThat(GlobalStatus.values()).extracting(GlobalStatus::wireValue)
			.containsExactly("prepared", "submitted", "aborting", "succeed", "failed");
		assertThat(BranchStatus.values()).extracting(BranchStatus::wireValue)
			.containsExactly("prepared", "succeed", "failed");
		assertThat(BranchOp.values()).extracting(BranchOp::wireValue)
			.containsExactly("action", "compensate", "try", "confirm", "cancel", "commit", "rollback", "msg",
					"workflow", "business");
		assertThat(TransType.values()).extracting(TransType::wireValue)
			.containsExactly("saga", "msg", "tcc", "xa", "workflow");
		assertThat(DtmResult.values()).extracting(DtmResult::httpStatus).containsExactly(200, 409, 425);
	}

	@Test
	void jsonWhenRoundTrippedShouldUseWireValues() throws Exception {
		assertThat(this.mapper.writeValueAsString(GlobalStatus.SUCCEED)).isEqualTo("\"succeed\"");
		assertThat(this.mapper.readValue("\"aborting\"", GlobalStatus.class)).isEqualTo(GlobalStatus.ABORTING);
		assertThat(this.mapper.readValue("\"TCC\"", TransType.class)).isEqualTo(TransType.TCC);
	}

	@Test
	void fromWireValueWhenUnknownShouldNameTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> GlobalStatus.fromWireValue("done"))
			.withMessage("unknown GlobalStatus 'done'");
		assertThatIllegalArgumentException().isThrownBy(() -> TransType.fromWireValue(null))
			.withMessage("unknown TransType 'null'");
	}

	@Test
	void predicatesShouldLiveOnTheEnums() {
		assertThat(GlobalStatus.SUCCEED.isFinished()).isTrue();
		assertThat(GlobalStatus.ABORTING.isFinished()).isFalse();
		assertThat(BranchOp.CANCEL.isRollback()).isTrue();
		assertThat(BranchOp.CONFIRM.isRollback()).isFalse();
		assertThat(TransType.SAGA.isTwoPhase()).isFalse();
		assertThat(TransType.MSG.isTwoPhase()).isTrue();
	}

	@Test
	void optionsWhenSerialisedShouldOmitZeroesButKeepConcurrent() throws Exception {
		assertThat(this.mapper.writeValueAsString(TransOptions.NONE)).isEqualTo("{\"concurrent\":false}");
		TransOptions options = new TransOptions(true, 60, 0, 0, java.util.Map.of(), false, 0, 0);
		assertThat(this.mapper.writeValueAsString(options))
			.isEqualTo("{\"wait_result\":true,\"timeout_to_fail\":60,\"concurrent\":false}");
	}

}
