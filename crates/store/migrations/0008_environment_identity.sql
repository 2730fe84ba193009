-- An environment's name is unique only in one history: two machines (or two people) in one
-- account may both have a `dev`. Its id (a UUID) goes into every tag and client token, and
-- decides what is ours. Environments recorded before this get one now; their resources carry
-- only the name tag, so a teardown of those finds them through the history alone.
ALTER TABLE environments ADD COLUMN uid TEXT NOT NULL DEFAULT '';
UPDATE environments SET uid = lower(
    hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
    hex(randomblob(6))
);
CREATE UNIQUE INDEX environments_uid ON environments(uid);

-- The account (STS) and region the environment was first provisioned in. Every later job
-- checks the credentials' account against it: the same profile name on another machine, or a
-- profile edited since, must not act on another account.
ALTER TABLE environments ADD COLUMN account_id TEXT CHECK (account_id IS NULL OR (length(account_id) = 12 AND account_id NOT GLOB '*[^0-9]*'));
