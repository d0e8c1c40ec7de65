CREATE TABLE events_inbox (
    handler_id  VARCHAR(255) NOT NULL,
    event_id    VARCHAR(255) NOT NULL,
    received_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (handler_id, event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX events_inbox_received ON events_inbox (received_at);
