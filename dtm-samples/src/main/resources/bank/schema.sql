-- The sample bank (H2 in MySQL mode, MySQL, MariaDB). The barrier table is created by the
-- starter (dtm.client.barrier.initialize-schema=true).
CREATE TABLE IF NOT EXISTS account (
	id BIGINT NOT NULL PRIMARY KEY,
	balance INT NOT NULL,
	frozen INT NOT NULL DEFAULT 0
);
