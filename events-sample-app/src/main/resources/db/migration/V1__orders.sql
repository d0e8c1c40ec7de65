CREATE TABLE orders (
    id          UUID PRIMARY KEY,
    tenant_id   VARCHAR(255)   NOT NULL,
    customer_id VARCHAR(255)   NOT NULL,
    amount      NUMERIC(12, 2) NOT NULL,
    status      VARCHAR(16)    NOT NULL,
    placed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE invoices (
    id         UUID PRIMARY KEY,
    order_id   UUID           NOT NULL REFERENCES orders (id),
    tenant_id  VARCHAR(255)   NOT NULL,
    amount     NUMERIC(12, 2) NOT NULL,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
