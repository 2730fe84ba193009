-- What the last refresh found changed in a resource's settings (hangar_core::drift::SettingDrift,
-- as a JSON array): the diagram badges the node with it, and a repair puts back what it can.
ALTER TABLE resources ADD COLUMN drift TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(drift) AND json_type(drift) = 'array');
