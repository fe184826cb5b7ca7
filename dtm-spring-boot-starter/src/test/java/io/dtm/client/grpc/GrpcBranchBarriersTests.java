package io.dtm.client.grpc;

import io.dtm.client.DtmRequestException;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.core.BranchOp;
import io.dtm.core.TransType;
import io.grpc.Metadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link GrpcBranchBarriers}.
 */
class GrpcBranchBarriersTests {

	@Test
	void whenMetadataCarriesBranchShouldBuildBarrier() {
		BranchBarrier barrier = GrpcBranchBarriers.fromMetadata(metadata("g1", "tcc", "01", "cancel"));
		assertThat(barrier.getGid()).isEqualTo("g1");
		assertThat(barrier.getTransType()).isEqualTo(TransType.TCC);
		assertThat(barrier.getBranchId()).isEqualTo("01");
		assertThat(barrier.getOp()).isEqualTo(BranchOp.CANCEL);
		assertThat(barrier.getOriginOp()).isEqualTo(BranchOp.TRY);
	}

	@Test
	void whenMetadataKeysAreDtmsShouldUseTheirNames() {
		assertThat(GrpcBranchBarriers.GID.name()).isEqualTo("dtm-gid");
		assertThat(GrpcBranchBarriers.TRANS_TYPE.name()).isEqualTo("dtm-trans_type");
		assertThat(GrpcBranchBarriers.BRANCH_ID.name()).isEqualTo("dtm-branch_id");
		assertThat(GrpcBranchBarriers.OP.name()).isEqualTo("dtm-op");
		assertThat(GrpcBranchBarriers.DTM.name()).isEqualTo("dtm-dtm");
	}

	@Test
	void whenMetadataMissesKeysShouldNameThem() {
		Metadata metadata = new Metadata();
		metadata.put(GrpcBranchBarriers.GID, "g1");
		assertThatExceptionOfType(DtmRequestException.class).isThrownBy(() -> GrpcBranchBarriers.fromMetadata(metadata))
			.withMessageContaining("'dtm-trans_type', 'dtm-branch_id', 'dtm-op'")
			.satisfies((ex) -> assertThat(ex.getGid()).isEqualTo("g1"));
	}

	@Test
	void whenOpUnknownShouldRefuse() {
		assertThatExceptionOfType(DtmRequestException.class)
			.isThrownBy(() -> GrpcBranchBarriers.fromMetadata(metadata("g1", "saga", "01", "jump")))
			.withMessageContaining("not a dtm branch call");
	}

	@Test
	void whenNoInterceptorShouldSaySo() {
		assertThatIllegalStateException().isThrownBy(GrpcBranchBarriers::current)
			.withMessageContaining("DtmGrpcServerInterceptor");
	}

	static Metadata metadata(String gid, String transType, String branchId, String op) {
		Metadata metadata = new Metadata();
		metadata.put(GrpcBranchBarriers.GID, gid);
		metadata.put(GrpcBranchBarriers.TRANS_TYPE, transType);
		metadata.put(GrpcBranchBarriers.BRANCH_ID, branchId);
		metadata.put(GrpcBranchBarriers.OP, op);
		return metadata;
	}

}
