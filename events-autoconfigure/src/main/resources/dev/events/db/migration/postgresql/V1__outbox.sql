CREATE TABLE events_outbox (
    seq               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id          UUID                     NOT NULL,
    shard             INT                      NOT NULL,
    topic             VARCHAR(249)             NOT NULL,
    partition_key     VARCHAR(1024),
    event_type        VARCHAR(255)             NOT NULL,
    source            VARCHAR(1024)            NOT NULL,
    event_time        TIMESTAMP WITH TIME ZONE NOT NULL,
    tenant_id         VARCHAR(255),
    actor_id          VARCHAR(255),
    correlation_id    VARCHAR(255),
    causation_id      VARCHAR(255),
    traceparent       VARCHAR(128),
    data_content_type VARCHAR(255)             NOT NULL,
    data              BYTEA                    NOT NULL,
    attempts          INT                      NOT NULL DEFAULT 0,
    last_error        VARCHAR(2000),
    sent_at           TIMESTAMP WITH TIME ZONE,
    parked_at         TIMESTAMP WITH TIME ZONE
);

CREATE INDEX events_outbox_pending ON events_outbox (seq) WHERE sent_at IS NULL AND parked_at IS NULL;
CREATE INDEX events_outbox_sent ON events_outbox (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX events_outbox_parked ON events_outbox (event_id) WHERE parked_at IS NOT NULL;

CREATE TABLE events_outbox_lease (
    shard      INT PRIMARY KEY,
    owner      VARCHAR(255),
    expires_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE events_outbox_instance (
    instance_id  VARCHAR(255) PRIMARY KEY,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);
