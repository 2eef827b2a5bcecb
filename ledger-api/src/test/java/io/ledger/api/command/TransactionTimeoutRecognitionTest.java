package io.ledger.api.command;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionTimeoutRecognitionTest {

    private static RuntimeException wrapped(SQLException cause) {
        return new IllegalStateException("command failed", new RuntimeException("store failed", cause));
    }

    @Test
    void aStatementTimeoutAnywhereInTheCausesIsATransactionTimeout() {
        assertThat(LedgerCommands.isTransactionTimeout(wrapped(new SQLException("canceled", "57014")))).isTrue();
    }

    @Test
    void anIdleInTransactionTimeoutAndALockTimeoutAreTransactionTimeouts() {
        assertThat(LedgerCommands.isTransactionTimeout(wrapped(new SQLException("idle", "25P03")))).isTrue();
        assertThat(LedgerCommands.isTransactionTimeout(wrapped(new SQLException("lock", "55P03")))).isTrue();
    }

    @Test
    void aDuplicateKeyIsNotATransactionTimeout() {
        assertThat(LedgerCommands.isTransactionTimeout(wrapped(new SQLException("duplicate", "23505")))).isFalse();
    }

    @Test
    void anSqlErrorWithoutAStateIsNotATransactionTimeout() {
        assertThat(LedgerCommands.isTransactionTimeout(wrapped(new SQLException("no state")))).isFalse();
    }

    @Test
    void aFailureWithoutAnSqlCauseIsNotATransactionTimeout() {
        assertThat(LedgerCommands.isTransactionTimeout(new IllegalStateException("boom"))).isFalse();
    }
}
