-- Three accounts with 100 each; existing rows (a database that survived a restart) are kept.
INSERT IGNORE INTO account (id, balance, frozen) VALUES (1, 100, 0), (2, 100, 0), (3, 100, 0);
