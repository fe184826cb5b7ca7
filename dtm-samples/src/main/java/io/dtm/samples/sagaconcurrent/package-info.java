/**
 * Concurrent saga sample: one withdrawal and several deposits that the coordinator runs
 * in parallel; when one refuses, every step that ran is compensated.
 */
package io.dtm.samples.sagaconcurrent;
