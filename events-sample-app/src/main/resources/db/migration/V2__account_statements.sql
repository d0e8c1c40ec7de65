CREATE TABLE account_statement_lines (
    line        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    VARCHAR(255)   NOT NULL UNIQUE,
    tenant_id   VARCHAR(255)   NOT NULL,
    account_id  VARCHAR(255)   NOT NULL,
    entry       VARCHAR(16)    NOT NULL,
    amount      NUMERIC(12, 2) NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX account_statement_lines_account ON account_statement_lines (tenant_id, account_id, line);
