-- Compliance views. Movements are what the windowed rules (structuring, velocity, repeated insufficient funds)
-- look back over: one row per account and side of each posted transfer, and one per insufficient-funds refusal,
-- all with their event's timestamp, so that every window is computed from event data alone.
CREATE TABLE compliance_movement (
    account_id    VARCHAR(64)  NOT NULL,
    direction     VARCHAR(32)  NOT NULL,
    transfer_id   VARCHAR(64)  NOT NULL,
    amount_minor  BIGINT,
    currency      CHAR(3),
    recorded_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, direction, transfer_id)
);
CREATE INDEX ix_compliance_movement_time ON compliance_movement (account_id, direction, recorded_at);

-- Alerts, one row each, numbered in the order they were raised (alert_seq is the paging key). alert_id is
-- derived from the triggering event, so a replay raises the same ids.
CREATE TABLE compliance_alert (
    alert_id      VARCHAR(200)  PRIMARY KEY,
    alert_seq     BIGINT        NOT NULL UNIQUE,
    type          VARCHAR(40)   NOT NULL,
    account_id    VARCHAR(64)   NOT NULL,
    transfer_id   VARCHAR(64),
    amount_minor  BIGINT,
    currency      CHAR(3),
    raised_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    rule_version  VARCHAR(64)   NOT NULL,
    details       VARCHAR(1000) NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    reviewed_by   VARCHAR(100),
    review_note   VARCHAR(1000),
    reviewed_at   TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX ix_compliance_alert_type ON compliance_alert (type, alert_seq);
CREATE INDEX ix_compliance_alert_account ON compliance_alert (account_id, type, raised_at);
