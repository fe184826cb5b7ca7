package io.dtm.server.engine;

/**
 * Told of every status change of a global transaction, after the store accepted it
 * (metrics, the log, later the console and webhooks). Called on the thread that made the
 * change; a listener that throws is logged and does not undo or hide the change.
 */
@FunctionalInterface
public interface TransitionListener {

	/**
	 * A status changed.
	 * @param event what changed
	 */
	void onTransition(TransitionEvent event);

}
