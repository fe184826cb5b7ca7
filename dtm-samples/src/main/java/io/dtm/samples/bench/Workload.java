package io.dtm.samples.bench;

import java.io.IOException;

/**
 * One global transaction per call, through one of the coordinator's APIs.
 */
interface Workload extends AutoCloseable {

	/**
	 * Run one transaction of a scenario.
	 * @param scenario the scenario
	 * @param sequence a number unique in the run, part of the gid
	 * @return whether the coordinator answered success
	 * @throws IOException when the call failed
	 * @throws InterruptedException when interrupted
	 */
	boolean run(Scenario scenario, long sequence) throws IOException, InterruptedException;

	@Override
	default void close() {
	}

}
