package io.dtm.server.store;

import java.time.LocalDateTime;

import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;

/**
 * Filters and paging of {@code all}. A {@code null} filter matches everything.
 *
 * @param position exclusive upper row id from the previous page, or {@code null}
 * @param limit page size
 * @param status status filter
 * @param transType mode filter
 * @param createTimeStart inclusive lower bound of the creation time
 * @param createTimeEnd inclusive upper bound of the creation time
 * @param gidPrefix only gids starting with it, taken literally (the console's filter;
 * dtm's {@code all} has none)
 */
public record TransQuery(Long position, int limit, GlobalStatus status, TransType transType,
		LocalDateTime createTimeStart, LocalDateTime createTimeEnd, String gidPrefix) {

	/**
	 * Filters without a gid prefix, as dtm's {@code all} takes them.
	 * @param position exclusive upper row id from the previous page, or {@code null}
	 * @param limit page size
	 * @param status status filter
	 * @param transType mode filter
	 * @param createTimeStart inclusive lower bound of the creation time
	 * @param createTimeEnd inclusive upper bound of the creation time
	 */
	public TransQuery(Long position, int limit, GlobalStatus status, TransType transType, LocalDateTime createTimeStart,
			LocalDateTime createTimeEnd) {
		this(position, limit, status, transType, createTimeStart, createTimeEnd, null);
	}

	/**
	 * Whether a gid passes the prefix filter.
	 * @param gid the gid
	 * @return {@code true} without a prefix or when the gid starts with it
	 */
	public boolean matchesGid(String gid) {
		return this.gidPrefix == null || this.gidPrefix.isEmpty() || (gid != null && gid.startsWith(this.gidPrefix));
	}

}
