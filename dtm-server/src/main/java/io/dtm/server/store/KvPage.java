package io.dtm.server.store;

import java.util.List;

/**
 * One page of {@code scanKV}: rows in id order and the position to continue from (empty
 * when there is nothing more).
 *
 * @param records the rows
 * @param nextPosition position for the next page, or empty
 */
public record KvPage(List<KvRecord> records, String nextPosition) {

}
