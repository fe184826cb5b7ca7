package io.dtm.samples.workflow;

import io.dtm.client.workflow.WorkflowInterceptor;
import io.dtm.client.workflow.WorkflowStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A workflow interceptor (picked up by the starter as a bean): one log line per step that
 * runs, with its outcome and duration. Steps a resumed workflow takes from the recorded
 * progress do not run, so they are not logged.
 */
@Component
class StepLog implements WorkflowInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(StepLog.class);

	@Override
	public byte[] around(WorkflowStep step, Proceed proceed) throws Exception {
		long start = System.nanoTime();
		String outcome = "failed";
		try {
			byte[] result = proceed.proceed();
			outcome = "done";
			return result;
		}
		finally {
			logger.info("workflow {} gid {} step {} {} {} in {} ms", step.workflow(), step.gid(), step.branchId(),
					step.op(), outcome, (System.nanoTime() - start) / 1_000_000);
		}
	}

}
