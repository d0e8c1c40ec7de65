CREATE TABLE ledger (
    event_id VARCHAR(64) NOT NULL,
    amount   INT         NOT NULL
);
