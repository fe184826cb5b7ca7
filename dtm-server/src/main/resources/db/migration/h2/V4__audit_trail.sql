-- dtm-java's own table: what operators did through the console, one row per action,
-- never updated. Same shape as the MySQL table.
CREATE TABLE IF NOT EXISTS dtm_audit (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  time timestamp(0) NOT NULL,
  actor varchar(128) NOT NULL,
  action varchar(32) NOT NULL,
  target varchar(128) NOT NULL,
  reason varchar(1024) NOT NULL DEFAULT '',
  outcome varchar(16) NOT NULL,
  detail varchar(1024) NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS dtm_audit_target ON dtm_audit (target, id);
