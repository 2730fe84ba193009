-- What a failed provision does (keep what was made, or roll back) is chosen per environment,
-- and the outputs (public IP, DB endpoint, ...) are kept once known.
ALTER TABLE environments ADD COLUMN on_failure TEXT NOT NULL DEFAULT 'keep'
    CHECK (on_failure IN ('keep', 'rollback'));
ALTER TABLE environments ADD COLUMN outputs TEXT NOT NULL DEFAULT '{}';
