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
