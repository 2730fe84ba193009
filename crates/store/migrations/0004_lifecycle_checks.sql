-- The lifecycle columns hold only what the Rust enums spell (crates/store/src/lifecycle.rs):
-- environments.status and resources.state had no CHECK yet (jobs.kind, jobs.status,
-- job_logs.level and environments.on_failure already have one with the same values). SQLite
-- cannot add a CHECK to a column, so both tables are rebuilt: new table, copy, drop, rename,
-- as SQLite's "other kinds of table schema changes" say. This runs with foreign_keys OFF (see
-- migrations.rs): with them on, dropping environments would cascade into every job and
-- resource. The columns keep their order so the copy is a plain SELECT *.
--
-- A job also keeps its failures node by node (`{node, kind, awsCode, message}`, a JSON array)
-- beside the one-line `error`.

CREATE TABLE environments_v4 (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    blueprint   TEXT NOT NULL,
    blueprint_source TEXT NOT NULL,
    parameters  TEXT NOT NULL DEFAULT '{}',
    profile     TEXT NOT NULL,
    region      TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('new', 'creating', 'ready', 'failed',
                    'destroying', 'destroyed', 'interrupted', 'drifted')),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    on_failure  TEXT NOT NULL DEFAULT 'keep' CHECK (on_failure IN ('keep', 'rollback')),
    outputs     TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO environments_v4 SELECT * FROM environments;
DROP TABLE environments;
ALTER TABLE environments_v4 RENAME TO environments;

CREATE TABLE resources_v4 (
    id          INTEGER PRIMARY KEY,
    environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    logical_name TEXT NOT NULL,
    kind        TEXT NOT NULL,
    aws_id      TEXT,
    state       TEXT NOT NULL CHECK (state IN ('creating', 'ready', 'failed', 'deleting',
                    'deleted', 'missing')),
    properties  TEXT NOT NULL DEFAULT '{}',
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (environment_id, logical_name)
);
INSERT INTO resources_v4 SELECT * FROM resources;
DROP TABLE resources;
ALTER TABLE resources_v4 RENAME TO resources;

ALTER TABLE jobs ADD COLUMN failures TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(failures) AND json_type(failures) = 'array');
