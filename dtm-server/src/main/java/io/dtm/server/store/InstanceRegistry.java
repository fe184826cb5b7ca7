package io.dtm.server.store;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The coordinator instances sharing the store: each writes its {@link InstanceRecord}
 * every heartbeat and removes it when it shuts down; a record that stops being renewed is
 * an instance that died, and is forgotten after a while. dtm keeps nothing of the kind;
 * the records live next to dtm's tables or keys, never in them.
 */
public interface InstanceRegistry {

	/**
	 * Write an instance's record, replacing the one it wrote before.
	 * @param record the record
	 */
	void heartbeat(InstanceRecord record);

	/**
	 * Every record, in the order of their ids.
	 * @return the records
	 */
	List<InstanceRecord> instances();

	/**
	 * Remove an instance's record (it shuts down).
	 * @param id the instance id
	 */
	void remove(String id);

	/**
	 * Remove the records not renewed since a time.
	 * @param lastSeenBefore records last seen before this are removed
	 * @return how many were removed
	 */
	int forget(LocalDateTime lastSeenBefore);

}
