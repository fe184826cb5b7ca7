package io.dtm.grpc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated classes describe dtm's wire contract exactly: the service's full name and
 * methods, and every message's field names, numbers and types, as dtm's
 * {@code dtmgimp.proto} defines them. A renamed or renumbered field would break dtm's
 * generated clients silently, so it fails here.
 */
class DtmProtoContractTests {

	@Test
	void whenGeneratedShouldServeDtmgimpDtmWithDtmsMethods() {
		ServiceDescriptor service = DtmGrpcProto.getDescriptor().findServiceByName("Dtm");

		assertThat(service.getFullName()).isEqualTo("dtmgimp.Dtm");
		assertThat(service.getMethods())
			.extracting((method) -> method.getName() + "(" + method.getInputType().getFullName() + "):"
					+ method.getOutputType().getFullName())
			.containsExactly("NewGid(google.protobuf.Empty):dtmgimp.DtmGidReply",
					"Submit(dtmgimp.DtmRequest):google.protobuf.Empty",
					"Prepare(dtmgimp.DtmRequest):google.protobuf.Empty",
					"Abort(dtmgimp.DtmRequest):google.protobuf.Empty",
					"RegisterBranch(dtmgimp.DtmBranchRequest):google.protobuf.Empty",
					"PrepareWorkflow(dtmgimp.DtmRequest):dtmgimp.DtmProgressesReply",
					"Subscribe(dtmgimp.DtmTopicRequest):google.protobuf.Empty",
					"Unsubscribe(dtmgimp.DtmTopicRequest):google.protobuf.Empty",
					"DeleteTopic(dtmgimp.DtmTopicRequest):google.protobuf.Empty");
		assertThat(service.getMethods()).noneMatch(MethodDescriptor::isClientStreaming)
			.noneMatch(MethodDescriptor::isServerStreaming);
		assertThat(DtmGrpc.getSubmitMethod().getFullMethodName()).isEqualTo("dtmgimp.Dtm/Submit");
	}

	@Test
	void whenGeneratedShouldKeepDtmsFieldNamesNumbersAndTypes() {
		assertThat(fields(DtmTransOptions.getDescriptor()))
			.isEqualTo(Map.of(1, "WaitResult:BOOL", 2, "TimeoutToFail:INT64", 3, "RetryInterval:INT64", 5,
					"BranchHeaders:MESSAGE[]", 6, "RequestTimeout:INT64", 7, "RetryLimit:INT64"));
		assertThat(fields(DtmRequest.getDescriptor())).isEqualTo(Map.of(1, "Gid:STRING", 2, "TransType:STRING", 3,
				"TransOptions:MESSAGE", 4, "CustomedData:STRING", 5, "BinPayloads:BYTES[]", 6, "QueryPrepared:STRING",
				7, "Steps:STRING", 8, "ReqExtra:MESSAGE[]", 9, "RollbackReason:STRING"));
		assertThat(fields(DtmGidReply.getDescriptor())).isEqualTo(Map.of(1, "Gid:STRING"));
		assertThat(fields(DtmBranchRequest.getDescriptor())).isEqualTo(Map.of(1, "Gid:STRING", 2, "TransType:STRING", 3,
				"BranchID:STRING", 4, "Op:STRING", 5, "Data:MESSAGE[]", 6, "BusiPayload:BYTES"));
		assertThat(fields(DtmProgressesReply.getDescriptor()))
			.isEqualTo(Map.of(1, "Transaction:MESSAGE", 2, "Progresses:MESSAGE[]"));
		assertThat(fields(DtmTransaction.getDescriptor()))
			.isEqualTo(Map.of(1, "Gid:STRING", 2, "Status:STRING", 3, "RollbackReason:STRING", 4, "Result:STRING"));
		assertThat(fields(DtmProgress.getDescriptor()))
			.isEqualTo(Map.of(1, "Status:STRING", 2, "BinData:BYTES", 3, "BranchID:STRING", 4, "Op:STRING"));
		assertThat(fields(DtmTopicRequest.getDescriptor()))
			.isEqualTo(Map.of(1, "Topic:STRING", 2, "URL:STRING", 3, "Remark:STRING"));
	}

	@Test
	void whenEncodedShouldProduceTheBytesDtmsGoClientSends() {
		DtmRequest request = DtmRequest.newBuilder().setGid("g1").setTransType("saga").build();

		assertThat(request.toByteArray()).containsExactly(0x0a, 2, 'g', '1', 0x12, 4, 's', 'a', 'g', 'a');
		assertThat(List.of(DtmProgressesReply.getDescriptor().findFieldByNumber(1).getJsonName(),
				DtmTransaction.getDescriptor().findFieldByNumber(3).getJsonName()))
			.containsExactly("transaction", "rollback_reason");
	}

	private static Map<Integer, String> fields(Descriptor message) {
		Map<Integer, String> fields = new TreeMap<>();
		for (FieldDescriptor field : message.getFields()) {
			fields.put(field.getNumber(),
					field.getName() + ":" + field.getType().name() + (field.isRepeated() ? "[]" : ""));
		}
		return fields;
	}

}
