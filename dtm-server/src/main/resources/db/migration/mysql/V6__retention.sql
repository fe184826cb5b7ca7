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
