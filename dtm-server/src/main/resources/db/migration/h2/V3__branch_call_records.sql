-- dtm-java's own table (dtm keeps nothing of the kind): per branch operation, how many
-- calls did not succeed and what the last one answered. Same shape as the MySQL table.
CREATE TABLE IF NOT EXISTS dtm_branch_call (
  gid varchar(128) NOT NULL,
  branch_id varchar(128) NOT NULL,
  op varchar(45) NOT NULL,
  failed_calls bigint NOT NULL DEFAULT 0,
  last_outcome varchar(16) NOT NULL,
  last_code varchar(64) NOT NULL DEFAULT '',
  last_error varchar(1024) NOT NULL DEFAULT '',
  last_time timestamp(0) DEFAULT NULL,
  PRIMARY KEY (gid, branch_id, op)
);
