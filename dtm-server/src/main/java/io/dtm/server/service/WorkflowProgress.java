package io.dtm.server.service;

import java.util.List;

import io.dtm.server.store.Branch;
import io.dtm.server.store.GlobalTrans;

/**
 * What {@code prepareWorkflow} answers: the workflow's transaction and the steps its
 * client recorded so far.
 *
 * @param trans the transaction
 * @param progresses the recorded steps (branch rows)
 */
public record WorkflowProgress(GlobalTrans trans, List<Branch> progresses) {

}
