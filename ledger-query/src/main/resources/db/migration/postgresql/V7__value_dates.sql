-- Value dates: a back-dated transfer is effective earlier than it was recorded. Every entry keeps both times, so
-- a balance can be asked for "effective at T1, as known at T2". Existing entries are effective when recorded.
ALTER TABLE statement_entry ADD COLUMN effective_at TIMESTAMP(6) WITH TIME ZONE;
UPDATE statement_entry SET effective_at = recorded_at;
ALTER TABLE statement_entry ALTER COLUMN effective_at SET NOT NULL;
CREATE INDEX ix_statement_entry_effective ON statement_entry (account_id, effective_at);
