-- The monthly cost estimate of an environment's plan, recorded when it is created, so the list
-- shows it without planning every environment again. NULL for environments created before this
-- column existed: the first list works theirs out once and records it.
ALTER TABLE environments ADD COLUMN monthly_cost REAL;
