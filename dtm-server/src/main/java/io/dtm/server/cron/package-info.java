/**
 * The cron that every coordinator instance runs: lease a due transaction, process it,
 * repeat.
 */
package io.dtm.server.cron;
