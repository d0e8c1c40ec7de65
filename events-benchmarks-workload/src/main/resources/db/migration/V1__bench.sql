CREATE TABLE bench_orders (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_key VARCHAR(64)    NOT NULL,
    seq       BIGINT         NOT NULL,
    amount    NUMERIC(12, 2) NOT NULL
);
