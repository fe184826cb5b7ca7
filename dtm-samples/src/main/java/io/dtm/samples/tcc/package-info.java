/**
 * TCC sample: a transfer as try (freeze the money, check the receiver), then confirm or
 * cancel, every handler guarded by the barrier.
 */
package io.dtm.samples.tcc;
