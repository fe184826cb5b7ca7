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
