package io.ledger.core.account;

public enum AccountStatus {
    /** Open for every operation. */
    ACTIVE,
    /** No new transfers, holds or reversals touch it; its existing holds can still be voided or expire. */
    FROZEN,
    /** Final: nothing touches it any more. Only an account with zero posted and pending balances can close. */
    CLOSED
}
