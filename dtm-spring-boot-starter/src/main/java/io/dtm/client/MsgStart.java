package io.dtm.client;

/**
 * First stage of a two-phase message: it needs at least one step.
 */
public interface MsgStart {

	/**
	 * Add the first step.
	 * @param action URL the coordinator calls (at least once) after the message is
	 * committed, or {@code topic://name} for every subscriber of a topic
	 * @param payload body: a {@code String} is sent as is (it must be JSON), {@code null}
	 * means no body, anything else is written as JSON
	 * @return the message
	 */
	Msg step(String action, Object payload);

}
