-- The tamper-evident event log (docs/tamper-evidence.md).
-- chainHash: SHA-256 over the previous event of the same stream's chain hash and every stored field of this
-- event, written by the service in the same INSERT as the event. Absent only for events stored before V9.
ALTER TABLE DomainEventEntry ADD COLUMN chainHash VARBINARY(32);

-- Checkpoints extend a ledger-wide chain over the global order: checkpoint k covers the events with
-- after_global_index < globalIndex <= last_global_index, and after_global_index is checkpoint k-1's last index.
-- The primary key on the number lets several nodes race for the same checkpoint: one insert wins, the others fail
-- and are ignored. signature is an HMAC-SHA256 under a key kept outside the database, when one is configured.
CREATE TABLE event_chain_checkpoint (
    checkpoint_number  BIGINT        NOT NULL PRIMARY KEY,
    after_global_index BIGINT        NOT NULL,
    last_global_index  BIGINT        NOT NULL,
    event_count        BIGINT        NOT NULL,
    checkpoint_hash    VARBINARY(32) NOT NULL,
    signature          VARBINARY(32),
    created_at         VARCHAR(64)   NOT NULL,
    CONSTRAINT ck_checkpoint_range CHECK (last_global_index > after_global_index)
);
