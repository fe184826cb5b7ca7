package io.dtm.server.store;

import java.time.LocalDateTime;

/**
 * One row of dtm's {@code kv} table (topics are {@code cat="topics"}).
 *
 * @param id row id
 * @param cat category
 * @param key key ({@code k})
 * @param value value ({@code v}), JSON text for topics
 * @param version optimistic-lock counter, starting at 1
 * @param createTime creation time
 * @param updateTime last update
 */
public record KvRecord(long id, String cat, String key, String value, long version, LocalDateTime createTime,
		LocalDateTime updateTime) {

}
