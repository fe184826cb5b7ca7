-- dtm-java's own table (dtm keeps nothing of the kind): the coordinator instances sharing
-- the store, one row per instance, renewed every heartbeat. Same shape as the MySQL table.
CREATE TABLE IF NOT EXISTS dtm_instance (
  id varchar(96) NOT NULL PRIMARY KEY,
  version varchar(64) NOT NULL DEFAULT '',
  http_port int NOT NULL,
  grpc_port int NOT NULL DEFAULT 0,
  cron boolean NOT NULL,
  started_at timestamp(0) NOT NULL,
  last_seen timestamp(0) NOT NULL,
  passes int NOT NULL DEFAULT 0,
  pass_gids varchar(4000) NOT NULL DEFAULT ''
);
