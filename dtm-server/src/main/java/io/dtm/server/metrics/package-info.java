/**
 * Micrometer metrics named as dtm's ({@code dtm_server_process_total},
 * {@code dtm_transaction_process_total}, {@code dtm_branch_process_total}…) and the
 * {@code /api/metrics} Prometheus text endpoint that dtm dashboards scrape.
 */
package io.dtm.server.metrics;
