-- Read model of the balance projection: one row per account and per transfer.
CREATE TABLE account_balance (
    account_id            VARCHAR(64)  PRIMARY KEY,
    currency              CHAR(3)      NOT NULL,
    name                  VARCHAR(200) NOT NULL,
    overdraft_limit_minor BIGINT       NOT NULL,
    unlimited_overdraft   BOOLEAN      NOT NULL,
    posted_minor          BIGINT       NOT NULL,
    opened_at             TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE transfer_record (
    transfer_id       VARCHAR(64)  PRIMARY KEY,
    debit_account_id  VARCHAR(64)  NOT NULL,
    credit_account_id VARCHAR(64)  NOT NULL,
    amount_minor      BIGINT       NOT NULL,
    currency          CHAR(3)      NOT NULL,
    metadata_json     VARCHAR(8192) NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    posted_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
