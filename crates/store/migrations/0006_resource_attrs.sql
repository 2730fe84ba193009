-- What a create returned beside the AWS id (an ARN, an address, the ids a delete must name),
-- typed as `hangar_core::graph::Attr`, in a JSON object column of its own that the history
-- can query (`json_extract(attrs, '$.public_ip')`). It was nested, as text, in `properties`
-- (`{"attrs": {...}}`), which nothing else used.
ALTER TABLE resources ADD COLUMN attrs TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(attrs) AND json_type(attrs) = 'object');
UPDATE resources SET attrs = json_extract(properties, '$.attrs')
    WHERE json_valid(properties) AND json_type(properties, '$.attrs') = 'object';
ALTER TABLE resources DROP COLUMN properties;
