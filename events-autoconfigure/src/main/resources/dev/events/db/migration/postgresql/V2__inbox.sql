CREATE TABLE events_inbox (
    handler_id  VARCHAR(255)             NOT NULL,
    event_id    VARCHAR(255)             NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (handler_id, event_id)
);

CREATE INDEX events_inbox_received ON events_inbox (received_at);
