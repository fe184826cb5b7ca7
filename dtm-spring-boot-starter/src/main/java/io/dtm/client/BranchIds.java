package io.dtm.client;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sub-branch ids as dtm makes them: the parent id followed by a two-digit counter
 * ({@code 01}, {@code 02}…; nested: {@code 0101}), at most 99 per level and 20 characters
 * in all.
 */
final class BranchIds {

	private final String gid;

	private final String parent;

	private final AtomicInteger counter = new AtomicInteger();

	BranchIds(String gid, String parent) {
		this.gid = gid;
		this.parent = (parent != null) ? parent : "";
	}

	String next() {
		int index = this.counter.incrementAndGet();
		if (index > 99) {
			throw new DtmRequestException(this.gid, "more than 99 branches under '" + this.parent + "'");
		}
		String id = this.parent + String.format("%02d", index);
		if (id.length() > 20) {
			throw new DtmRequestException(this.gid, "branch id '" + id + "' is longer than 20 characters");
		}
		return id;
	}

}
