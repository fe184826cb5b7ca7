package io.dtm.server.store;

import java.util.List;

/**
 * One page of {@code all}: transactions newest first and the position to continue from
 * (empty when there is nothing more).
 *
 * @param transactions the page
 * @param nextPosition the position for the next page, or empty
 */
public record TransPage(List<GlobalTrans> transactions, String nextPosition) {

}
