/**
 * The bank transfer as a dtm workflow: ordinary code whose steps are recorded at the
 * coordinator, rolled back in reverse on a refusal, and resumed by the coordinator after
 * a crash.
 */
package io.dtm.samples.workflow;
