-- Times are DATETIME(6): lease and heartbeat times are written and compared in UTC_TIMESTAMP(6),
-- the database's clock; the others are written by the application, through the driver's time zone.
-- Text compares byte for byte (utf8mb4_bin), as in PostgreSQL.
CREATE TABLE events_outbox (
    seq               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id          UUID          NOT NULL,
    shard             INT           NOT NULL,
    topic             VARCHAR(249)  NOT NULL,
    partition_key     VARCHAR(1024),
    event_type        VARCHAR(255)  NOT NULL,
    source            VARCHAR(1024) NOT NULL,
    event_time        DATETIME(6)   NOT NULL,
    tenant_id         VARCHAR(255),
    actor_id          VARCHAR(255),
    correlation_id    VARCHAR(255),
    causation_id      VARCHAR(255),
    traceparent       VARCHAR(128),
    data_content_type VARCHAR(255)  NOT NULL,
    data              LONGBLOB      NOT NULL,
    attempts          INT           NOT NULL DEFAULT 0,
    last_error        VARCHAR(2000),
    sent_at           DATETIME(6)   NULL,
    parked_at         DATETIME(6)   NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- MariaDB has no partial indexes: pending events are those with neither time, in seq order.
CREATE INDEX events_outbox_pending ON events_outbox (sent_at, parked_at, seq);
CREATE INDEX events_outbox_parked ON events_outbox (parked_at, event_id);

CREATE TABLE events_outbox_lease (
    shard      INT          NOT NULL PRIMARY KEY,
    owner      VARCHAR(255),
    expires_at DATETIME(6)  NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE events_outbox_instance (
    instance_id  VARCHAR(255) NOT NULL PRIMARY KEY,
    heartbeat_at DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
