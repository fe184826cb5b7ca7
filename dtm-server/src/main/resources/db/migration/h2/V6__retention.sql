-- Retention (dtm.server.retention.finished) finds finished transactions by status and the
-- time of their last write. Same index and lease table as the MySQL migration.
CREATE INDEX IF NOT EXISTS status_update_time ON trans_global (status, update_time);

CREATE TABLE IF NOT EXISTS dtm_lease (
  name varchar(64) NOT NULL PRIMARY KEY,
  owner varchar(128) NOT NULL,
  expires_at timestamp(0) NOT NULL
);
