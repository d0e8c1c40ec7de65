CREATE TABLE handled_steps (
    handler_id VARCHAR(64) NOT NULL,
    order_id   VARCHAR(64) NOT NULL,
    step       INT         NOT NULL
);
