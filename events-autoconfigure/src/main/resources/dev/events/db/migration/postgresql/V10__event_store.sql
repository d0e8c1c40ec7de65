-- The event store: each stream's version, the row its appends lock, and the events of every
-- stream in one table. A stream's versions are unique, whatever a writer checked before: of two
-- appends of one version, one fails. Reads go by stream and version, or by global position.
-- Global positions are given to committed events, in the order they are found committed, by one
-- sequencer at a time (the row of events_store_sequencer is its lock): a reader that follows them
-- never passes an event whose transaction commits late. Streams are keyed by tenant where
-- tenancy is required (events.tenancy.required), and by the empty key otherwise.
CREATE TABLE events_store_stream (
    tenant_key VARCHAR(255) NOT NULL,
    stream_id  VARCHAR(255) NOT NULL,
    version    BIGINT       NOT NULL,
    PRIMARY KEY (tenant_key, stream_id)
);

CREATE TABLE events_store (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    global_position   BIGINT,
    tenant_key        VARCHAR(255)             NOT NULL,
    stream_id         VARCHAR(255)             NOT NULL,
    version           BIGINT                   NOT NULL,
    event_id          UUID                     NOT NULL,
    event_type        VARCHAR(255)             NOT NULL,
    event_time        TIMESTAMP WITH TIME ZONE NOT NULL,
    tenant_id         VARCHAR(255),
    actor_id          VARCHAR(255),
    correlation_id    VARCHAR(255),
    causation_id      VARCHAR(255),
    data_content_type VARCHAR(255)             NOT NULL,
    data              BYTEA                    NOT NULL,
    CONSTRAINT events_store_stream_version UNIQUE (tenant_key, stream_id, version),
    CONSTRAINT events_store_event UNIQUE (event_id),
    CONSTRAINT events_store_position UNIQUE (global_position)
);

CREATE INDEX events_store_unsequenced ON events_store (id) WHERE global_position IS NULL;

CREATE INDEX events_store_tenant_position ON events_store (tenant_key, global_position);

CREATE TABLE events_store_sequencer (
    id            INT    NOT NULL PRIMARY KEY,
    last_position BIGINT NOT NULL
);

INSERT INTO events_store_sequencer (id, last_position) VALUES (1, 0);

-- The latest snapshot of each stream whose aggregate takes them: its state at a version, so that
-- a load reads only the events after it.
CREATE TABLE events_store_snapshot (
    tenant_key VARCHAR(255) NOT NULL,
    stream_id VARCHAR(255) NOT NULL,
    version   BIGINT       NOT NULL,
    taken_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    data      BYTEA NOT NULL,
    PRIMARY KEY (tenant_key, stream_id)
);
