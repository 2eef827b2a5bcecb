-- A second set of view tables (suffix _b), so that a view can be rebuilt from the start of the event store into
-- one set while the other keeps answering; view_set records which set answers. See docs/operations.md.
CREATE TABLE account_balance_b (
    account_id            VARCHAR(64)  PRIMARY KEY,
    currency              CHAR(3)      NOT NULL,
    name                  VARCHAR(200) NOT NULL,
    overdraft_limit_minor BIGINT       NOT NULL,
    unlimited_overdraft   BOOLEAN      NOT NULL,
    posted_minor          BIGINT       NOT NULL,
    opened_at             TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    status                VARCHAR(16)  DEFAULT 'ACTIVE' NOT NULL,
    pending_debits_minor  BIGINT       DEFAULT 0 NOT NULL,
    pending_credits_minor BIGINT       DEFAULT 0 NOT NULL
);

CREATE TABLE transfer_record_b (
    transfer_id       VARCHAR(64)  PRIMARY KEY,
    debit_account_id  VARCHAR(64)  NOT NULL,
    credit_account_id VARCHAR(64)  NOT NULL,
    amount_minor      BIGINT       NOT NULL,
    currency          CHAR(3)      NOT NULL,
    metadata_json     VARCHAR(65536) NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    kind              VARCHAR(16)  DEFAULT 'TRANSFER' NOT NULL,
    posted_minor      BIGINT       DEFAULT 0 NOT NULL,
    reversed_minor    BIGINT       DEFAULT 0 NOT NULL,
    reversal_of       VARCHAR(64),
    expires_at        TIMESTAMP(6) WITH TIME ZONE,
    resolved_at       TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX ix_transfer_record_b_due_holds ON transfer_record_b (status, expires_at);

CREATE TABLE statement_entry_b (
    account_id                   VARCHAR(64)  NOT NULL,
    entry_seq                    BIGINT       NOT NULL,
    position                     BIGINT       NOT NULL,
    recorded_at                  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    entry_type                   VARCHAR(32)  NOT NULL,
    transfer_id                  VARCHAR(64),
    counterparty_account_id      VARCHAR(64),
    amount_minor                 BIGINT       NOT NULL,
    currency                     CHAR(3)      NOT NULL,
    metadata_json                VARCHAR(65536) NOT NULL,
    posted_after_minor           BIGINT       NOT NULL,
    pending_debits_after_minor   BIGINT       NOT NULL,
    pending_credits_after_minor  BIGINT       NOT NULL,
    effective_at                 TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, entry_seq)
);
CREATE INDEX ix_statement_entry_b_time ON statement_entry_b (account_id, recorded_at);
CREATE INDEX ix_statement_entry_b_recorded ON statement_entry_b (recorded_at);
CREATE INDEX ix_statement_entry_b_effective ON statement_entry_b (account_id, effective_at);

CREATE TABLE statement_transfer_metadata_b (
    transfer_id   VARCHAR(64)    PRIMARY KEY,
    metadata_json VARCHAR(65536) NOT NULL
);

CREATE TABLE view_set (
    view_name  VARCHAR(64) PRIMARY KEY,
    active_set VARCHAR(8)  NOT NULL
);
INSERT INTO view_set (view_name, active_set) VALUES ('balances', 'a');
