-- What a teardown leaves on purpose. A resource it keeps standing (a prod environment's backup
-- bucket) is `retained` in the journal, so resources.state gains that value: SQLite cannot
-- change a CHECK, so the table is rebuilt as in 0004 (foreign keys are off, see
-- migrations.rs; nothing references resources). Columns are named, not `SELECT *`: 0006 and
-- 0007 changed their order.
--
-- `retained` lists what outlives the environment, kept bucket or final snapshot alike, with
-- its size and the monthly estimate at teardown, so the history can say what it still costs.

CREATE TABLE resources_v8 (
    id          INTEGER PRIMARY KEY,
    environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    logical_name TEXT NOT NULL,
    kind        TEXT NOT NULL,
    aws_id      TEXT,
    state       TEXT NOT NULL CHECK (state IN ('creating', 'ready', 'failed', 'deleting',
                    'deleted', 'missing', 'retained')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    attrs       TEXT NOT NULL DEFAULT '{}'
                    CHECK (json_valid(attrs) AND json_type(attrs) = 'object'),
    generation  INTEGER NOT NULL DEFAULT 0 CHECK (generation >= 0),
    UNIQUE (environment_id, logical_name)
);
INSERT INTO resources_v8 (id, environment_id, logical_name, kind, aws_id, state, updated_at,
                          attrs, generation)
    SELECT id, environment_id, logical_name, kind, aws_id, state, updated_at, attrs, generation
    FROM resources;
DROP TABLE resources;
ALTER TABLE resources_v8 RENAME TO resources;

CREATE TABLE retained (
    id          INTEGER PRIMARY KEY,
    environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('s3_bucket', 'db_snapshot')),
    aws_id      TEXT NOT NULL,
    -- The node it came from (`s3_bucket.artifacts`, `rds_instance.postgres`).
    source      TEXT NOT NULL,
    size_gb     REAL NOT NULL CHECK (size_gb >= 0),
    monthly_cost REAL NOT NULL CHECK (monthly_cost >= 0),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (environment_id, kind, aws_id)
);
CREATE INDEX retained_by_environment ON retained (environment_id, id);
