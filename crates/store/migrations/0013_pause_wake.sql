-- Office hours (pause and wake): an environment can be `paused`, a resource `stopped` (an EC2
-- or RDS instance stopped by a pause), and a job can be a `pause` or a `wake`. SQLite cannot
-- change a CHECK, so the three tables are rebuilt as in 0004 and 0009 (foreign keys are off,
-- see migrations.rs). Columns are named, not `SELECT *`: ALTERs since added them at the end.
--
-- A stopped resource's span closes as a deleted one's does: a stopped instance bills no compute
-- hours. Its storage (an instance's EBS volumes, a database's allocated storage) still bills
-- while stopped, and cost so far leaves it out: an underestimate, said in the README.

CREATE TABLE environments_v13 (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    blueprint   TEXT NOT NULL,
    blueprint_source TEXT NOT NULL,
    parameters  TEXT NOT NULL DEFAULT '{}',
    profile     TEXT NOT NULL,
    region      TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('new', 'creating', 'ready', 'failed',
                    'destroying', 'destroyed', 'interrupted', 'drifted', 'paused')),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    on_failure  TEXT NOT NULL DEFAULT 'keep' CHECK (on_failure IN ('keep', 'rollback')),
    outputs     TEXT NOT NULL DEFAULT '{}',
    monthly_cost REAL,
    uid         TEXT NOT NULL DEFAULT '',
    account_id  TEXT CHECK (account_id IS NULL OR (length(account_id) = 12 AND account_id NOT GLOB '*[^0-9]*')),
    expires_at  TEXT
        CHECK (expires_at IS NULL OR expires_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z')
);
INSERT INTO environments_v13 (id, name, blueprint, blueprint_source, parameters, profile, region,
                              status, created_at, updated_at, on_failure, outputs, monthly_cost,
                              uid, account_id, expires_at)
    SELECT id, name, blueprint, blueprint_source, parameters, profile, region, status,
           created_at, updated_at, on_failure, outputs, monthly_cost, uid, account_id, expires_at
    FROM environments;
DROP TABLE environments;
ALTER TABLE environments_v13 RENAME TO environments;
CREATE UNIQUE INDEX environments_uid ON environments(uid);

CREATE TABLE resources_v13 (
    id          INTEGER PRIMARY KEY,
    environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    logical_name TEXT NOT NULL,
    kind        TEXT NOT NULL,
    aws_id      TEXT,
    state       TEXT NOT NULL CHECK (state IN ('creating', 'ready', 'failed', 'deleting',
                    'deleted', 'missing', 'retained', 'stopped')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    attrs       TEXT NOT NULL DEFAULT '{}'
                    CHECK (json_valid(attrs) AND json_type(attrs) = 'object'),
    generation  INTEGER NOT NULL DEFAULT 0 CHECK (generation >= 0),
    UNIQUE (environment_id, logical_name)
);
INSERT INTO resources_v13 (id, environment_id, logical_name, kind, aws_id, state, updated_at,
                           attrs, generation)
    SELECT id, environment_id, logical_name, kind, aws_id, state, updated_at, attrs, generation
    FROM resources;
-- Dropping the table drops its triggers (0011's); they come back below, closing on `stopped`.
DROP TABLE resources;
ALTER TABLE resources_v13 RENAME TO resources;

CREATE TRIGGER resource_span_opens AFTER UPDATE OF state ON resources
WHEN NEW.state = 'ready' AND OLD.state IS NOT 'ready'
BEGIN
    INSERT OR IGNORE INTO resource_spans (environment_id, logical_name, started_at)
    VALUES (NEW.environment_id, NEW.logical_name, NEW.updated_at);
END;

CREATE TRIGGER resource_span_closes AFTER UPDATE OF state ON resources
WHEN NEW.state IN ('deleted', 'missing', 'stopped')
BEGIN
    UPDATE resource_spans SET ended_at = NEW.updated_at
    WHERE environment_id = NEW.environment_id AND logical_name = NEW.logical_name
      AND ended_at IS NULL;
END;

CREATE TABLE jobs_v13 (
    id          INTEGER PRIMARY KEY,
    environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('provision', 'teardown', 'refresh', 'resume',
                    'pause', 'wake')),
    status      TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted', 'cancelled')),
    -- The process that runs the job: a running job whose pid is gone was interrupted.
    pid         INTEGER,
    error       TEXT,
    started_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    finished_at TEXT,
    failures    TEXT NOT NULL DEFAULT '[]'
                    CHECK (json_valid(failures) AND json_type(failures) = 'array')
);
INSERT INTO jobs_v13 (id, environment_id, kind, status, pid, error, started_at, finished_at,
                      failures)
    SELECT id, environment_id, kind, status, pid, error, started_at, finished_at, failures
    FROM jobs;
-- job_logs references jobs; foreign keys are off, and the ids are kept.
DROP TABLE jobs;
ALTER TABLE jobs_v13 RENAME TO jobs;
CREATE INDEX jobs_by_environment ON jobs(environment_id, id);
