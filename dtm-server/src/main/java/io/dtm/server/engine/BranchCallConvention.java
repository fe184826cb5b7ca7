package io.dtm.server.engine;

import java.util.Locale;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a branch call: {@value #NAME}, with the
 * low-cardinality keys {@code trans_type}, {@code op}, {@code protocol} and
 * {@code outcome} ({@code none} until the call ends) and the high-cardinality keys
 * {@code gid} and {@code branch_id} (span attributes, never metric tags).
 */
public class BranchCallConvention implements ObservationConvention<BranchCallContext> {

	/** The name of the observation, the span and its timer. */
	public static final String NAME = "dtm.branch.call";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(BranchCallContext context) {
		return "dtm " + context.request().opName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(BranchCallContext context) {
		BranchRequest request = context.request();
		BranchCallResult result = context.getResponse();
		String outcome = (result != null) ? result.outcome().name().toLowerCase(Locale.ROOT) : "none";
		return KeyValues.of(KeyValue.of("trans_type", request.transType().wireValue()),
				KeyValue.of("op", request.op().wireValue()), KeyValue.of("protocol", context.protocol()),
				KeyValue.of("outcome", outcome));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(BranchCallContext context) {
		BranchRequest request = context.request();
		return KeyValues.of(KeyValue.of("gid", String.valueOf(request.gid())),
				KeyValue.of("branch_id", String.valueOf(request.branchId())));
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof BranchCallContext;
	}

}
