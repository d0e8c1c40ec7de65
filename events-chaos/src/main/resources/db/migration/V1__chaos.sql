CREATE TABLE chaos_published (
    event_id  UUID PRIMARY KEY,
    instance  VARCHAR(64)  NOT NULL,
    n         BIGINT       NOT NULL,
    chaos_key VARCHAR(128) NOT NULL,
    seq       BIGINT       NOT NULL,
    UNIQUE (instance, n)
);

CREATE TABLE chaos_rolled_back (
    event_id UUID PRIMARY KEY,
    instance VARCHAR(64) NOT NULL,
    n        BIGINT      NOT NULL
);

CREATE TABLE chaos_effects (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   UUID         NOT NULL,
    chaos_key  VARCHAR(128) NOT NULL,
    seq        BIGINT       NOT NULL,
    handled_by VARCHAR(64)  NOT NULL
);

CREATE INDEX chaos_effects_event ON chaos_effects (event_id);
