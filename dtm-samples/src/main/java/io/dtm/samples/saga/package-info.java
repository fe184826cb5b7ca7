/**
 * Saga sample: a transfer as two steps, TransOut then TransIn, each with a compensation
 * the coordinator calls in reverse order when a step refuses.
 */
package io.dtm.samples.saga;
