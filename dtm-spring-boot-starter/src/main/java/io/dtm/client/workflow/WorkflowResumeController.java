package io.dtm.client.workflow;

import java.util.Map;

import io.dtm.client.DtmOngoing;
import io.dtm.client.web.DtmReplies;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoint the coordinator calls to resume an unfinished workflow: POST (GET when the
 * payload is empty) with query {@code gid}, {@code op} (the workflow's name),
 * {@code branch_id=00} and {@code trans_type=workflow}, and the workflow's payload as the
 * body. It executes the workflow again and answers 200 SUCCESS, 409 FAILURE or 425
 * ONGOING (any other error too, so that the coordinator calls again).
 */
@RestController
public class WorkflowResumeController {

	/**
	 * The default path, {@code dtm.client.workflow.callback-path}.
	 */
	public static final String DEFAULT_PATH = "/dtm/workflow/resume";

	private final DtmWorkflows workflows;

	/**
	 * Create the endpoint.
	 * @param workflows the workflows it resumes
	 */
	public WorkflowResumeController(DtmWorkflows workflows) {
		this.workflows = workflows;
	}

	/**
	 * Resume a workflow.
	 * @param gid the gid
	 * @param name the workflow's name (dtm's {@code op})
	 * @param payload the payload it was started with
	 * @return the reply
	 */
	@RequestMapping(path = "${dtm.client.workflow.callback-path:" + DEFAULT_PATH + "}",
			method = { RequestMethod.POST, RequestMethod.GET })
	public ResponseEntity<Map<String, Object>> resume(@RequestParam("gid") String gid, @RequestParam("op") String name,
			@RequestBody(required = false) byte[] payload) {
		try {
			this.workflows.execute(name, gid, (payload != null) ? payload : new byte[0]);
			return DtmReplies.success();
		}
		catch (RuntimeException ex) {
			ResponseEntity<Map<String, Object>> reply = DtmReplies.from(ex);
			return (reply != null) ? reply : DtmReplies.from(DtmOngoing.of(String.valueOf(ex.getMessage()), gid));
		}
	}

}
