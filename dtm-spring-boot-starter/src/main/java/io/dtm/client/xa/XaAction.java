package io.dtm.client.xa;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Local work of an XA branch, run between {@code XA START} and {@code XA END}. Throw to
 * roll the branch back: {@link io.dtm.client.DtmFailure} for a business refusal (the
 * initiator aborts the global transaction), anything else for an error.
 */
@FunctionalInterface
public interface XaAction {

	/**
	 * Do the work.
	 * @param jdbcTemplate a template on the branch's dedicated connection
	 */
	void execute(JdbcTemplate jdbcTemplate);

}
