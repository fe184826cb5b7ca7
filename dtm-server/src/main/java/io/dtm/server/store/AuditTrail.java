package io.dtm.server.store;

import java.util.List;

/**
 * The record of what operators did through the console: who, what, on which gid or topic,
 * why, and how it ended. Entries are only ever added; ids grow with every entry, so they
 * order the trail and page it. dtm keeps nothing of the kind; the entries live next to
 * dtm's tables or keys, never in them.
 */
public interface AuditTrail {

	/** The largest page and the most entries {@link #forTarget(String)} returns. */
	int MAX_PAGE = 1000;

	/**
	 * Add an entry.
	 * @param entry the entry (its id is ignored)
	 * @return the entry with the id the trail gave it
	 */
	AuditEntry record(AuditEntry entry);

	/**
	 * A page of the trail, newest first.
	 * @param beforeId only entries with a smaller id (the id of the last entry of the
	 * previous page), or {@code null} for the newest
	 * @param limit page size, 1 to {@value #MAX_PAGE}
	 * @return the entries
	 * @throws IllegalArgumentException when the limit is out of range
	 */
	List<AuditEntry> page(Long beforeId, int limit);

	/**
	 * The entries about one gid or topic, newest first.
	 * @param target the gid or topic
	 * @return at most {@value #MAX_PAGE} entries
	 */
	List<AuditEntry> forTarget(String target);

	/**
	 * The entries about one transaction, newest first.
	 * @param gid the gid
	 * @return at most {@value #MAX_PAGE} entries
	 */
	default List<AuditEntry> forGid(String gid) {
		return forTarget(gid);
	}

	/**
	 * Check a page size.
	 * @param limit the page size
	 * @return the page size
	 * @throws IllegalArgumentException when it is not between 1 and {@value #MAX_PAGE}
	 */
	static int checkLimit(int limit) {
		if (limit < 1 || limit > MAX_PAGE) {
			throw new IllegalArgumentException(
					"audit page size is " + limit + "; it must be between 1 and " + MAX_PAGE);
		}
		return limit;
	}

}
