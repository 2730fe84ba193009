-- The first schema. Secrets never live here: a profile row holds only what is safe to show.

CREATE TABLE profiles (
    name          TEXT PRIMARY KEY NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('sandbox', 'accessKeys', 'assumeRole', 'awsConfig')),
    region        TEXT NOT NULL,
    endpoint      TEXT,
    -- assumeRole: the profile whose credentials call STS, and the role's settings.
    source_profile TEXT REFERENCES profiles(name) ON DELETE RESTRICT,
    role_arn      TEXT,
    external_id   TEXT,
    mfa_serial    TEXT,
    session_name  TEXT,
    duration_secs INTEGER CHECK (duration_secs IS NULL OR duration_secs BETWEEN 900 AND 43200),
    -- awsConfig: the name of the profile in ~/.aws/config.
    aws_profile   TEXT,
    is_default    INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE UNIQUE INDEX profiles_one_default ON profiles(is_default) WHERE is_default = 1;

-- A user's own copy of a blueprint, as TOML text.
CREATE TABLE blueprints (
    name        TEXT PRIMARY KEY NOT NULL,
    based_on    TEXT,
    source      TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE environments (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    blueprint   TEXT NOT NULL,
    -- The blueprint text and parameters as used, so the environment can be torn down or
    -- resumed even after the blueprint changes.
    blueprint_source TEXT NOT NULL,
    parameters  TEXT NOT NULL DEFAULT '{}',
    profile     TEXT NOT NULL,
    region      TEXT NOT NULL,
    status      TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('provision', 'teardown', 'refresh', 'resume')),
    status      TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted', 'cancelled')),
    -- The process that runs the job: a running job whose pid is gone was interrupted.
    pid         INTEGER,
    error       TEXT,
    started_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    finished_at TEXT
);
CREATE INDEX jobs_by_environment ON jobs(environment_id, id);

CREATE TABLE job_logs (
    id          INTEGER PRIMARY KEY,
    job_id      INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    level       TEXT NOT NULL CHECK (level IN ('trace', 'debug', 'info', 'warn', 'error')),
    source      TEXT NOT NULL,
    message     TEXT NOT NULL
);
CREATE INDEX job_logs_by_job ON job_logs(job_id, id);

-- The write-ahead journal of what exists: a row is written before the create (state
-- 'creating', no aws_id yet) and updated after it.
CREATE TABLE resources (
    id          INTEGER PRIMARY KEY,
    environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    logical_name TEXT NOT NULL,
    kind        TEXT NOT NULL,
    aws_id      TEXT,
    state       TEXT NOT NULL,
    properties  TEXT NOT NULL DEFAULT '{}',
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (environment_id, logical_name)
);

CREATE TABLE imported_files (
    id          INTEGER PRIMARY KEY,
    environment_id INTEGER REFERENCES environments(id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    size_bytes  INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    imported_file_id INTEGER REFERENCES imported_files(id) ON DELETE SET NULL,
    username    TEXT NOT NULL,
    email       TEXT NOT NULL,
    full_name   TEXT,
    role        TEXT NOT NULL,
    UNIQUE (environment_id, username COLLATE NOCASE)
);
