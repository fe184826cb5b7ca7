/**
 * Retention: deleting finished transactions from the SQL store once they are old enough.
 */
package io.dtm.server.retention;
