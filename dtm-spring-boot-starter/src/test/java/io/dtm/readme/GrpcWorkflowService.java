package io.dtm.readme;

import com.google.protobuf.StringValue;
import io.dtm.client.workflow.DtmWorkflows;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * A workflow whose branches are gRPC methods: each call carries the dtm metadata the
 * participant's barrier reads, and its reply is recorded.
 */
@Service
public class GrpcWorkflowService {

	public GrpcWorkflowService(DtmWorkflows workflows, @Value("${bank.grpc:localhost:9090}") String bank) {
		workflows.register("grpc-transfer", String.class, (wf, user) -> {
			StringValue request = StringValue.of(user);
			return wf.branch()
				.onRollbackGrpc(bank + "/busi.Busi/TransOutRevert", request)
				.callGrpc(bank + "/busi.Busi/TransOut", request, StringValue.parser())
				.getValue();
		});
	}

}
