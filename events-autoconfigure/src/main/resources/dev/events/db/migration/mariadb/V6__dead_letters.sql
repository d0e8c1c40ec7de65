-- Dead letters of handlers that keep them in the database. The dead letters of one key of one
-- handler form a sequence in id order; while the key has one, later records of the key are stored
-- behind it instead of handled. events_dead_letter_key holds one row per key with a sequence: the
-- handlers and the retries lock it, so that neither overtakes the other. Keys are stored as their
-- UTF-8 bytes, up to 1024, so that they fit InnoDB's 3072 bytes of an index key.
CREATE TABLE events_dead_letter (
    id              BIGINT          NOT NULL AUTO_INCREMENT PRIMARY KEY,
    handler_id      VARCHAR(255)    NOT NULL,
    record_key      VARBINARY(1024),
    topic           VARCHAR(249)    NOT NULL,
    topic_partition INT             NOT NULL,
    record_offset   BIGINT          NOT NULL,
    event_id        VARCHAR(255),
    source          VARCHAR(1024),
    event_type      VARCHAR(255),
    event_time      DATETIME(6)     NULL,
    headers         LONGBLOB        NOT NULL,
    payload         LONGBLOB,
    reason          VARCHAR(32)     NOT NULL,
    cause           VARCHAR(4000),
    attempts        INT             NOT NULL,
    retries         INT             NOT NULL DEFAULT 0,
    first_failed_at DATETIME(6)     NOT NULL,
    last_failed_at  DATETIME(6)     NOT NULL,
    discarded_at    DATETIME(6)     NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A record is a dead letter of a handler once, however often it is delivered.
CREATE UNIQUE INDEX events_dead_letter_record ON events_dead_letter (handler_id, topic, topic_partition, record_offset);
CREATE INDEX events_dead_letter_sequence ON events_dead_letter (handler_id, record_key, id);
CREATE INDEX events_dead_letter_discarded ON events_dead_letter (discarded_at);

CREATE TABLE events_dead_letter_key (
    handler_id VARCHAR(255)     NOT NULL,
    record_key VARBINARY(1024)  NOT NULL,
    PRIMARY KEY (handler_id, record_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
