package io.dtm.client.workflow;

/**
 * The coordinator could not be reached or answered a workflow call with an error. The
 * workflow is left unfinished: running it again (or the coordinator's resume callback)
 * continues it.
 */
public class WorkflowCoordinatorException extends RuntimeException {

	private final int httpStatus;

	WorkflowCoordinatorException(String message, int httpStatus, Throwable cause) {
		super(message, cause);
		this.httpStatus = httpStatus;
	}

	/**
	 * The coordinator's HTTP status.
	 * @return the status, {@code 0} when it did not answer
	 */
	public int getHttpStatus() {
		return this.httpStatus;
	}

}
