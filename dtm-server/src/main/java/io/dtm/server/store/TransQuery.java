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
 */
public record TransQuery(Long position, int limit, GlobalStatus status, TransType transType,
		LocalDateTime createTimeStart, LocalDateTime createTimeEnd) {

}
