/**
 * XA sample: a transfer whose two branches are database XA transactions, prepared by the
 * participant and committed or rolled back by the coordinator.
 */
package io.dtm.samples.xa;
