-- dtm sub-transaction barrier table (MYSQL dialect).
-- Create it in the database of the business tables; the starter writes it with the same DataSource,
-- in the same transaction. To use another name, set dtm.client.barrier.table-name and rename the
-- table, key and indexes alike. dtm.client.barrier.initialize-schema=true runs these statements at start-up.
CREATE TABLE IF NOT EXISTS dtm_barrier (
  id BIGINT NOT NULL AUTO_INCREMENT,
  trans_type VARCHAR(45) NOT NULL DEFAULT '',
  gid VARCHAR(128) NOT NULL DEFAULT '',
  branch_id VARCHAR(128) NOT NULL DEFAULT '',
  op VARCHAR(45) NOT NULL DEFAULT '',
  barrier_id VARCHAR(45) NOT NULL DEFAULT '',
  reason VARCHAR(45) NOT NULL DEFAULT '',
  create_time DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  update_time DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY dtm_barrier_uniq (gid, branch_id, op, barrier_id),
  KEY dtm_barrier_create_time (create_time),
  KEY dtm_barrier_update_time (update_time)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
