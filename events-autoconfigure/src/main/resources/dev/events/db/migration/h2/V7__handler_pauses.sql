-- Handlers paused cluster-wide: the containers of every instance follow these rows, and each
-- instance reports what its own containers do.
CREATE TABLE events_handler_pause (
    handler_id VARCHAR(255)             NOT NULL PRIMARY KEY,
    paused_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE events_handler_instance (
    handler_id  VARCHAR(255)             NOT NULL,
    instance_id VARCHAR(255)             NOT NULL,
    paused      BOOLEAN                  NOT NULL,
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (handler_id, instance_id)
);
