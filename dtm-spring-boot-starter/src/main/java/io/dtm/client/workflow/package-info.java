/**
 * dtm's workflow mode for participant applications:
 * {@link io.dtm.client.workflow.DtmWorkflows} runs registered workflows, records each
 * step with the coordinator and replays recorded steps when a workflow is resumed.
 */
package io.dtm.client.workflow;
