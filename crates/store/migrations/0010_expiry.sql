-- When an environment expires (UTC, RFC 3339), or NULL for never. Forgotten environments cost
-- money every hour; the app and `hangar reap` tear down the ones whose expiry has passed.
ALTER TABLE environments ADD COLUMN expires_at TEXT
    CHECK (expires_at IS NULL OR expires_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z');
