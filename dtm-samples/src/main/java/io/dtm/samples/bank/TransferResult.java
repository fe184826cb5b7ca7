package io.dtm.samples.bank;

/**
 * What a sample's {@code POST /api/transfer} answers.
 *
 * @param gid the global transaction id; look it up with
 * {@code curl 'localhost:36789/api/dtmsvr/query?gid=...'}
 * @param outcome what happened so far, in words
 */
public record TransferResult(String gid, String outcome) {

}
