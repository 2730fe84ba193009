-- An environment adopted from its tags alone (made without team mode, on another machine):
-- no blueprint or parameters are known, so the only job it may run is a teardown, which finds
-- what to delete by the environment's tags.
ALTER TABLE environments ADD COLUMN teardown_only INTEGER NOT NULL DEFAULT 0 CHECK (teardown_only IN (0, 1));
