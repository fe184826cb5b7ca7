/**
 * The load generator: runs dtm workloads against a real coordinator process and the same
 * store writes through plain JDBC as a same-run baseline.
 */
package io.dtm.samples.bench;
