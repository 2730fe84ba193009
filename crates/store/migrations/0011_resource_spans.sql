-- When each resource existed, for what an environment has cost so far: a span opens when a
-- resource turns ready and closes when it is deleted or found missing. Triggers keep them, so
-- every path that changes a resource's state (provision, resume, refresh, teardown) is counted
-- without remembering to. A resource made again after it went missing gets a second span.
CREATE TABLE resource_spans (
    id             INTEGER PRIMARY KEY,
    environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    logical_name   TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    ended_at       TEXT,
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);

CREATE UNIQUE INDEX resource_spans_one_open
    ON resource_spans (environment_id, logical_name) WHERE ended_at IS NULL;

CREATE TRIGGER resource_span_opens AFTER UPDATE OF state ON resources
WHEN NEW.state = 'ready' AND OLD.state IS NOT 'ready'
BEGIN
    INSERT OR IGNORE INTO resource_spans (environment_id, logical_name, started_at)
    VALUES (NEW.environment_id, NEW.logical_name, NEW.updated_at);
END;

CREATE TRIGGER resource_span_closes AFTER UPDATE OF state ON resources
WHEN NEW.state IN ('deleted', 'missing')
BEGIN
    UPDATE resource_spans SET ended_at = NEW.updated_at
    WHERE environment_id = NEW.environment_id AND logical_name = NEW.logical_name
      AND ended_at IS NULL;
END;

-- What existed before this version counts from its last recorded change: the best the history
-- knows, and never more than it cost.
INSERT INTO resource_spans (environment_id, logical_name, started_at)
SELECT environment_id, logical_name, updated_at FROM resources
WHERE state IN ('ready', 'deleting', 'failed') AND aws_id IS NOT NULL;
