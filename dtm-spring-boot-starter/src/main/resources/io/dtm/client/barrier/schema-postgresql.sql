-- dtm sub-transaction barrier table (POSTGRESQL dialect).
-- Create it in the database of the business tables; the starter writes it with the same DataSource,
-- in the same transaction. To use another name, set dtm.client.barrier.table-name and rename the
-- table, key and indexes alike. dtm.client.barrier.initialize-schema=true runs these statements at start-up.
CREATE TABLE IF NOT EXISTS dtm_barrier (
  id BIGSERIAL NOT NULL,
  trans_type VARCHAR(45) NOT NULL DEFAULT '',
  gid VARCHAR(128) NOT NULL DEFAULT '',
  branch_id VARCHAR(128) NOT NULL DEFAULT '',
  op VARCHAR(45) NOT NULL DEFAULT '',
  barrier_id VARCHAR(45) NOT NULL DEFAULT '',
  reason VARCHAR(45) NOT NULL DEFAULT '',
  create_time TIMESTAMP(0) WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  update_time TIMESTAMP(0) WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  CONSTRAINT dtm_barrier_uniq UNIQUE (gid, branch_id, op, barrier_id)
);
CREATE INDEX IF NOT EXISTS dtm_barrier_create_time ON dtm_barrier (create_time);
CREATE INDEX IF NOT EXISTS dtm_barrier_update_time ON dtm_barrier (update_time);
