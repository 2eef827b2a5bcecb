-- Who did what: the principal, correlation id and request id of the event behind each statement entry, and of
-- the request that created each transfer, in both view table sets. Null for rows projected from events recorded
-- before principals were; a rebuild fills them in for every event that carries them.
ALTER TABLE statement_entry ADD COLUMN principal VARCHAR(256);
ALTER TABLE statement_entry ADD COLUMN correlation_id VARCHAR(128);
ALTER TABLE statement_entry ADD COLUMN request_id VARCHAR(128);
ALTER TABLE statement_entry_b ADD COLUMN principal VARCHAR(256);
ALTER TABLE statement_entry_b ADD COLUMN correlation_id VARCHAR(128);
ALTER TABLE statement_entry_b ADD COLUMN request_id VARCHAR(128);
ALTER TABLE transfer_record ADD COLUMN principal VARCHAR(256);
ALTER TABLE transfer_record ADD COLUMN correlation_id VARCHAR(128);
ALTER TABLE transfer_record ADD COLUMN request_id VARCHAR(128);
ALTER TABLE transfer_record_b ADD COLUMN principal VARCHAR(256);
ALTER TABLE transfer_record_b ADD COLUMN correlation_id VARCHAR(128);
ALTER TABLE transfer_record_b ADD COLUMN request_id VARCHAR(128);
