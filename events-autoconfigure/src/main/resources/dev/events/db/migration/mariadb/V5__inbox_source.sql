-- CloudEvents makes an event unique by source and id together, so the inbox does too. Rows
-- written before keep an empty source and still count as handled for their id. The source is
-- stored as its UTF-8 bytes, up to 1024, so that the key fits InnoDB's 3072 bytes.
ALTER TABLE events_inbox ADD COLUMN source VARBINARY(1024) NOT NULL DEFAULT '';
ALTER TABLE events_inbox DROP PRIMARY KEY, ADD PRIMARY KEY (handler_id, event_id, source);
