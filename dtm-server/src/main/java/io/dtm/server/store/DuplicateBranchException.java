package io.dtm.server.store;

/**
 * Thrown when a branch with the same (gid, branch_id, op) is already stored.
 */
public class DuplicateBranchException extends RuntimeException {

	private final String gid;

	private final String branchId;

	public DuplicateBranchException(String gid, String branchId, Throwable cause) {
		super("branch '" + branchId + "' of gid '" + gid + "' is already registered", cause);
		this.gid = gid;
		this.branchId = branchId;
	}

	public String getGid() {
		return this.gid;
	}

	public String getBranchId() {
		return this.branchId;
	}

}
