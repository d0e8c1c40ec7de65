-- CloudEvents makes an event unique by source and id together, so the inbox does too. Rows
-- written before keep an empty source and still count as handled for their id.
ALTER TABLE events_inbox ADD COLUMN source VARCHAR(1024) NOT NULL DEFAULT '';
ALTER TABLE events_inbox DROP PRIMARY KEY;
ALTER TABLE events_inbox ADD PRIMARY KEY (handler_id, event_id, source);
