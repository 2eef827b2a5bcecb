-- Holds, reversals and account lifecycle in the balance view.
ALTER TABLE account_balance ADD COLUMN status VARCHAR(16) DEFAULT 'ACTIVE' NOT NULL;
ALTER TABLE account_balance ADD COLUMN pending_debits_minor BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE account_balance ADD COLUMN pending_credits_minor BIGINT DEFAULT 0 NOT NULL;

ALTER TABLE transfer_record RENAME COLUMN posted_at TO created_at;
ALTER TABLE transfer_record ADD COLUMN kind VARCHAR(16) DEFAULT 'TRANSFER' NOT NULL;
ALTER TABLE transfer_record ADD COLUMN posted_minor BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE transfer_record ADD COLUMN reversed_minor BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE transfer_record ADD COLUMN reversal_of VARCHAR(64);
ALTER TABLE transfer_record ADD COLUMN expires_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE transfer_record ADD COLUMN resolved_at TIMESTAMP(6) WITH TIME ZONE;
UPDATE transfer_record SET posted_minor = amount_minor WHERE status = 'POSTED';

-- The expiry sweeper asks for pending holds that are due, oldest first.
CREATE INDEX ix_transfer_record_due_holds ON transfer_record (status, expires_at);
