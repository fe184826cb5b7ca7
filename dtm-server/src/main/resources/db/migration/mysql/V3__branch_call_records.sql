-- dtm-java's own table (dtm keeps nothing of the kind, and a Go dtm sharing the database
-- ignores it): per branch operation, how many calls did not succeed and what the last one
-- answered. Only unsuccessful calls write here. branch_id '00' with op 'msg' is a msg's
-- query_prepared check-back, with op 'workflow' a workflow's resume callback.
CREATE TABLE IF NOT EXISTS dtm_branch_call (
  gid varchar(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'global transaction id',
  branch_id varchar(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'transaction branch ID',
  op varchar(45) NOT NULL COMMENT 'branch operation: action | compensate | confirm | cancel | commit | rollback | msg | workflow',
  failed_calls bigint NOT NULL DEFAULT 0 COMMENT 'calls that answered FAILURE, ONGOING or gave no usable answer',
  last_outcome varchar(16) NOT NULL COMMENT 'outcome of the last of them: FAILURE | ERROR | ONGOING',
  last_code varchar(64) NOT NULL DEFAULT '' COMMENT 'HTTP status, gRPC status name, JSON-RPC error code or transport reason',
  last_error varchar(1024) NOT NULL DEFAULT '' COMMENT 'answer excerpt or transport error',
  last_time datetime DEFAULT NULL COMMENT 'when the last of them was recorded',
  PRIMARY KEY (gid, branch_id, op)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
