package io.dtm.client.workflow;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The local SQL of a workflow's XA step, run between {@code XA START} and {@code XA END}
 * on a dedicated connection; its result is recorded.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface WorkflowXaAction<T> {

	/**
	 * Do the work.
	 * @param jdbcTemplate a template on the step's dedicated connection
	 * @return the result, recorded as bytes
	 * @throws io.dtm.client.DtmFailure to refuse: the XA branch is rolled back and the
	 * step recorded as failed; anything else rolls it back and leaves the workflow
	 * unfinished
	 */
	T run(JdbcTemplate jdbcTemplate);

}
