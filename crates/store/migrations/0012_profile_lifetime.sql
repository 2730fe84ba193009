-- How long an environment made with this profile lives unless its creator says otherwise, in
-- seconds; NULL for never. A dev account's profile can make every forgotten environment end.
ALTER TABLE profiles ADD COLUMN default_lifetime_secs INTEGER
    CHECK (default_lifetime_secs IS NULL OR default_lifetime_secs > 0);
