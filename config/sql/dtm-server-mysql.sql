-- dtm-java coordinator schema for MySQL / MariaDB, for manual installs.
-- The coordinator creates the same tables itself through Flyway on first start
-- (dtm-server/src/main/resources/db/migration/mysql); run this only if your DBA creates
-- schemas by hand, then keep spring.flyway.baseline-on-migrate=true (the default).
--   CREATE DATABASE IF NOT EXISTS dtm CHARACTER SET utf8mb4;
--   USE dtm;
CREATE TABLE IF NOT EXISTS trans_global (
  id bigint(22) NOT NULL AUTO_INCREMENT,
  gid varchar(128) NOT NULL COMMENT 'global transaction id',
  trans_type varchar(45) NOT NULL COMMENT 'transaction type: saga | xa | tcc | msg',
  status varchar(12) NOT NULL COMMENT 'transaction status: prepared | submitted | aborting | succeed | failed',
  query_prepared varchar(1024) NOT NULL COMMENT 'url to check for msg|workflow',
  protocol varchar(45) NOT NULL COMMENT 'protocol: http | grpc | json-rpc',
  create_time datetime DEFAULT NULL,
  update_time datetime DEFAULT NULL,
  finish_time datetime DEFAULT NULL,
  rollback_time datetime DEFAULT NULL,
  options varchar(1024) DEFAULT '' COMMENT 'options for transaction like: TimeoutToFail, RequestTimeout',
  custom_data varchar(1024) DEFAULT '' COMMENT 'custom data for transaction',
  next_cron_interval int(11) DEFAULT NULL COMMENT 'next cron interval, in seconds',
  next_cron_time datetime DEFAULT NULL COMMENT 'next time to process this trans',
  owner varchar(128) NOT NULL DEFAULT '' COMMENT 'who is locking this trans',
  ext_data TEXT COMMENT 'extra data for this trans',
  result varchar(1024) DEFAULT '' COMMENT 'result for transaction',
  rollback_reason varchar(1024) DEFAULT '' COMMENT 'rollback reason for transaction',
  PRIMARY KEY (id),
  UNIQUE KEY gid (gid),
  KEY owner (owner),
  KEY status_next_cron_time (status, next_cron_time) COMMENT 'cron job will use this index to query trans'
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS trans_branch_op (
  id bigint(22) NOT NULL AUTO_INCREMENT,
  gid varchar(128) NOT NULL COMMENT 'global transaction id',
  url varchar(1024) NOT NULL COMMENT 'the url of this op',
  data TEXT COMMENT 'request body, deprecated',
  bin_data BLOB COMMENT 'request body',
  branch_id varchar(128) NOT NULL COMMENT 'transaction branch ID',
  op varchar(45) NOT NULL COMMENT 'transaction operation type like: action | compensate | try | confirm | cancel',
  status varchar(45) NOT NULL COMMENT 'transaction op status: prepared | succeed | failed',
  finish_time datetime DEFAULT NULL,
  rollback_time datetime DEFAULT NULL,
  create_time datetime DEFAULT NULL,
  update_time datetime DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY gid_uniq (gid, branch_id, op)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS kv (
  id bigint(22) NOT NULL AUTO_INCREMENT,
  cat varchar(45) NOT NULL COMMENT 'the category of this data',
  k varchar(128) NOT NULL,
  v TEXT,
  version bigint(22) DEFAULT '1' COMMENT 'version of the value',
  create_time datetime DEFAULT NULL,
  update_time datetime DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uniq_k (cat, k)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- gids, branch ids and KV keys are compared byte by byte, as dtm does: under MySQL's
-- default case- and accent-insensitive collations 'CaseGid-1' and 'casegid-1' (or any two
-- emoji) would be the same key. bin_data grows from BLOB (64 KiB) to MEDIUMBLOB (16 MiB)
-- so the coordinator's 1 MiB payload limit fits. Both changes only widen what a row may
-- hold, so an existing dtm database takes them as it is.
ALTER TABLE trans_global
  MODIFY gid varchar(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'global transaction id';

ALTER TABLE trans_branch_op
  MODIFY gid varchar(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'global transaction id',
  MODIFY branch_id varchar(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'transaction branch ID',
  MODIFY bin_data MEDIUMBLOB COMMENT 'request body';

ALTER TABLE kv
  MODIFY cat varchar(45) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'the category of this data',
  MODIFY k varchar(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

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

-- dtm-java's own table (a Go dtm sharing the database ignores it): what operators did
-- through the console, one row per action, never updated. Rows are not deleted by the
-- coordinator.
CREATE TABLE IF NOT EXISTS dtm_audit (
  id bigint NOT NULL AUTO_INCREMENT,
  time datetime NOT NULL COMMENT 'when the action ended',
  actor varchar(128) NOT NULL COMMENT 'the operator (user name)',
  action varchar(32) NOT NULL COMMENT 'retry_now | force_stop | topic_subscribe | topic_unsubscribe | topic_delete',
  target varchar(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'the gid or topic acted on',
  reason varchar(1024) NOT NULL DEFAULT '' COMMENT 'why, as the operator gave it',
  outcome varchar(16) NOT NULL COMMENT 'done | refused',
  detail varchar(1024) NOT NULL DEFAULT '' COMMENT 'what the coordinator answered',
  PRIMARY KEY (id),
  KEY dtm_audit_target (target, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- dtm-java's own table (a Go dtm sharing the database ignores it): the coordinator
-- instances sharing the store. Each instance renews its row every heartbeat and deletes
-- it when it shuts down; a row no longer renewed is an instance that died, and any
-- instance deletes it after dtm.server.instances.forget-after.
CREATE TABLE IF NOT EXISTS dtm_instance (
  id varchar(96) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'host:http-port, the lease owner tokens of the instance start with it',
  version varchar(64) NOT NULL DEFAULT '' COMMENT 'coordinator version',
  http_port int NOT NULL,
  grpc_port int NOT NULL DEFAULT 0 COMMENT '0: no gRPC server',
  cron tinyint(1) NOT NULL COMMENT 'whether it polls for due transactions',
  started_at datetime NOT NULL,
  last_seen datetime NOT NULL COMMENT 'last heartbeat',
  passes int NOT NULL DEFAULT 0 COMMENT 'processing passes in progress',
  pass_gids varchar(4000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '' COMMENT 'their gids, one per line, at most 20',
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Retention (dtm.server.retention.finished): the cleanup finds finished transactions by
-- status and the time of their last write, so it reads an index instead of the table.
-- dtm's schema has no such index; the statement adds it only when it is missing (MySQL
-- has no CREATE INDEX IF NOT EXISTS), so an existing dtm database takes this as it is.
SET @dtm_missing = (SELECT COUNT(*) = 0 FROM information_schema.statistics
  WHERE table_schema = DATABASE() AND table_name = 'trans_global' AND index_name = 'status_update_time');
SET @dtm_ddl = IF(@dtm_missing, 'CREATE INDEX status_update_time ON trans_global (status, update_time)', 'DO 0');
PREPARE dtm_statement FROM @dtm_ddl;
EXECUTE dtm_statement;
DEALLOCATE PREPARE dtm_statement;

-- dtm-java's own table (a Go dtm sharing the database ignores it): leases of jobs that one
-- coordinator instance at a time runs, such as the retention cleanup. The holder renews
-- its lease while it works; another instance takes it over once it has expired.
CREATE TABLE IF NOT EXISTS dtm_lease (
  name varchar(64) NOT NULL COMMENT 'the job',
  owner varchar(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'the instance holding it: host:http-port/<uuid>',
  expires_at datetime NOT NULL COMMENT 'the lease is free after this time',
  PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
