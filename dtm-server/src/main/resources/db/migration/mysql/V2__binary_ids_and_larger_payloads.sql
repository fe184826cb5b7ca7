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
