package io.ledger.api.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ledger's roles. Each is one granted authority, spelled as in API key files and token claims. Roles are
 * functions, not levels: no role implies another, so a key gets exactly the functions it is given.
 */
public enum LedgerRole {
    /** Commands that move money: transfers, holds and their outcomes, batches, reversals. */
    LEDGER_WRITER("ledger-writer"),
    /** Current balances, statements and transfers. */
    LEDGER_READER("ledger-reader"),
    /** Opening, freezing, unfreezing and closing accounts, and changing their overdraft limits. */
    ACCOUNT_ADMIN("account-admin"),
    /** Compliance views and alert reviews. */
    COMPLIANCE("compliance"),
    /** Everything read-only, including point-in-time balances and reports. */
    AUDITOR("auditor"),
    /** Projection rebuilds, view status and the actuator beyond health. */
    OPERATOR("operator");

    private final String authority;

    LedgerRole(String authority) {
        this.authority = authority;
    }

    public String authority() {
        return authority;
    }

    public static Optional<LedgerRole> ofAuthority(String authority) {
        return Arrays.stream(values()).filter(role -> role.authority.equals(authority)).findFirst();
    }
}
