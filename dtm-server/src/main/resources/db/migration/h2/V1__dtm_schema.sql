-- The dtm schema for the embedded H2 store (MySQL compatibility mode).
CREATE TABLE IF NOT EXISTS trans_global (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  gid varchar(128) NOT NULL,
  trans_type varchar(45) NOT NULL,
  status varchar(12) NOT NULL,
  query_prepared varchar(1024) NOT NULL,
  protocol varchar(45) NOT NULL,
  create_time timestamp(0) DEFAULT NULL,
  update_time timestamp(0) DEFAULT NULL,
  finish_time timestamp(0) DEFAULT NULL,
  rollback_time timestamp(0) DEFAULT NULL,
  options varchar(1024) DEFAULT '',
  custom_data varchar(1024) DEFAULT '',
  next_cron_interval int DEFAULT NULL,
  next_cron_time timestamp(0) DEFAULT NULL,
  owner varchar(128) NOT NULL DEFAULT '',
  ext_data clob,
  result varchar(1024) DEFAULT '',
  rollback_reason varchar(1024) DEFAULT '',
  CONSTRAINT gid UNIQUE (gid)
);
CREATE INDEX IF NOT EXISTS trans_global_owner ON trans_global (owner);
CREATE INDEX IF NOT EXISTS status_next_cron_time ON trans_global (status, next_cron_time);

CREATE TABLE IF NOT EXISTS trans_branch_op (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  gid varchar(128) NOT NULL,
  url varchar(1024) NOT NULL,
  data clob,
  bin_data blob,
  branch_id varchar(128) NOT NULL,
  op varchar(45) NOT NULL,
  status varchar(45) NOT NULL,
  finish_time timestamp(0) DEFAULT NULL,
  rollback_time timestamp(0) DEFAULT NULL,
  create_time timestamp(0) DEFAULT NULL,
  update_time timestamp(0) DEFAULT NULL,
  CONSTRAINT gid_uniq UNIQUE (gid, branch_id, op)
);

CREATE TABLE IF NOT EXISTS kv (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  cat varchar(45) NOT NULL,
  k varchar(128) NOT NULL,
  v clob,
  version bigint DEFAULT 1,
  create_time timestamp(0) DEFAULT NULL,
  update_time timestamp(0) DEFAULT NULL,
  CONSTRAINT uniq_k UNIQUE (cat, k)
);
