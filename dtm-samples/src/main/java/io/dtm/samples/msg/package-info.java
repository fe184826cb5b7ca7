/**
 * Two-phase message sample: a local withdrawal committed together with the message's
 * barrier row, then a deposit the coordinator delivers at least once.
 */
package io.dtm.samples.msg;
