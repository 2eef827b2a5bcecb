-- Positions of the global index that a view's processor passed with no event there (a transaction still open,
-- or rolled back). An event that appears at such a position later was skipped by that view; the reconciliation
-- check joins this table with the event store to find such events. Rows are few: one per rolled-back insert.
CREATE TABLE dropped_gap (
    processor_name VARCHAR(255)             NOT NULL,
    global_index   BIGINT                   NOT NULL,
    dropped_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (processor_name, global_index)
);
