-- When the environment runs (`mon-fri 08:00-19:00 Europe/Paris`, as hangar_core::office_hours
-- writes it); NULL for always. Outside them the reaper pauses it, and wakes it at the opening.
ALTER TABLE environments ADD COLUMN office_hours TEXT
    CHECK (office_hours IS NULL OR length(office_hours) BETWEEN 1 AND 200);
