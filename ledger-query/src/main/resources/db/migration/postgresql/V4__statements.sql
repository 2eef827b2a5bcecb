-- Statements: every change to an account, in the account's own order, with its balances right after it.
-- Point-in-time balances read the last entry at or before an instant through the (account, time) index,
-- instead of replaying events per request.
CREATE TABLE statement_entry (
    account_id                   VARCHAR(64)  NOT NULL,
    entry_seq                    BIGINT       NOT NULL,
    position                     BIGINT       NOT NULL,
    recorded_at                  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    entry_type                   VARCHAR(32)  NOT NULL,
    transfer_id                  VARCHAR(64),
    counterparty_account_id      VARCHAR(64),
    amount_minor                 BIGINT       NOT NULL,
    currency                     CHAR(3)      NOT NULL,
    metadata_json                VARCHAR(8192) NOT NULL,
    posted_after_minor           BIGINT       NOT NULL,
    pending_debits_after_minor   BIGINT       NOT NULL,
    pending_credits_after_minor  BIGINT       NOT NULL,
    PRIMARY KEY (account_id, entry_seq)
);
CREATE INDEX ix_statement_entry_time ON statement_entry (account_id, recorded_at);
CREATE INDEX ix_statement_entry_recorded ON statement_entry (recorded_at);

-- Metadata of each transfer, so that both legs' entries can show it (leg events do not carry it).
CREATE TABLE statement_transfer_metadata (
    transfer_id   VARCHAR(64)   PRIMARY KEY,
    metadata_json VARCHAR(8192) NOT NULL
);
