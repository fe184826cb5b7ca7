/**
 * The bank every sample shares: the {@code account} table, its guarded SQL statements
 * ({@link io.dtm.samples.bank.Accounts}), the branch payload and
 * {@code GET /api/accounts}. Each mode's package ({@code saga}, {@code sagaconcurrent},
 * {@code tcc}, {@code xa}, {@code msg}) holds one runnable application that uses it.
 */
package io.dtm.samples.bank;
