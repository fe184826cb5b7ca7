/**
 * The sub-transaction barrier: JDBC (MySQL/MariaDB, PostgreSQL, H2) inside Spring
 * transactions, and Redis.
 */
package io.dtm.client.barrier;
