-- Which attempt at a resource this is. A create's client token carries it: AWS keeps a token
-- for at least 24 hours, even after the resource is gone, and hands back what the first call
-- made (or refuses other parameters with IdempotentParameterMismatch). A new attempt (the
-- recorded resource found missing, failed or deleted) gets a new generation, so a new token;
-- a retry of the same attempt (a killed job resumed) keeps it, so AWS never makes two.
ALTER TABLE resources ADD COLUMN generation INTEGER NOT NULL DEFAULT 0 CHECK (generation >= 0);
