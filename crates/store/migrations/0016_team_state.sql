-- Team mode, per profile: a row here means the profile's environments keep their record and
-- the lease on their jobs in an S3 bucket of the account (hangar_core::team). NULL bucket or
-- prefix: the default (hangar-state-<account>-<region>, hangar/). Deleted with its profile.
CREATE TABLE profile_team_state (
    profile TEXT PRIMARY KEY REFERENCES profiles(name) ON DELETE CASCADE,
    bucket  TEXT CHECK (bucket IS NULL OR length(bucket) BETWEEN 3 AND 63),
    prefix  TEXT CHECK (prefix IS NULL OR length(prefix) <= 200)
);
