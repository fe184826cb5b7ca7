package io.dtm.server.engine;

import io.dtm.core.GlobalStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs status changes: a transaction that failed at INFO with its reason (an operator
 * looks for those), every other change at DEBUG.
 */
public class TransitionLog implements TransitionListener {

	private static final Logger logger = LoggerFactory.getLogger(TransitionLog.class);

	@Override
	public void onTransition(TransitionEvent event) {
		if (event.to() == GlobalStatus.FAILED) {
			logger.info("gid={} {} {} -> {}: {}", event.gid(), event.transType().wireValue(), event.from().wireValue(),
					event.to().wireValue(), event.trans().rollbackReason());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("gid={} {} {} -> {}", event.gid(), event.transType().wireValue(), event.from().wireValue(),
					event.to().wireValue());
		}
	}

}
