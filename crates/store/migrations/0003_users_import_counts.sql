-- An import remembers what it held even after a later import replaces its users: how many rows
-- were accepted and how many were left out as invalid.
ALTER TABLE imported_files ADD COLUMN accepted_rows INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imported_files ADD COLUMN rejected_rows INTEGER NOT NULL DEFAULT 0;
CREATE INDEX users_by_environment ON users (environment_id, id);
CREATE INDEX imported_files_by_environment ON imported_files (environment_id, id);
