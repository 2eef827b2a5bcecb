package io.ledger.core.compliance;

/** An alert is open until a reviewer has looked at it. */
public enum AlertStatus {
    OPEN,
    REVIEWED
}
