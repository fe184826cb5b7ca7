/**
 * dtm's workflow mode for participant applications:
 * {@link io.dtm.client.workflow.DtmWorkflows} runs registered workflows, records each
 * step with the coordinator (over HTTP or gRPC) and replays recorded steps when a
 * workflow is resumed; branches are HTTP or gRPC participants or local code.
 */
package io.dtm.client.workflow;
