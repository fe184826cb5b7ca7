package io.dtm.client;

/**
 * First stage of a saga: it needs at least one step before it can be submitted.
 */
public interface SagaStart {

	/**
	 * Add the first step.
	 * @param action URL of the forward action
	 * @param compensate URL of its compensation
	 * @param payload body of both calls: a {@code String} is sent as is (it must be
	 * JSON), {@code null} means no body (the coordinator then uses GET), anything else is
	 * written as JSON
	 * @return the saga
	 */
	Saga step(String action, String compensate, Object payload);

}
