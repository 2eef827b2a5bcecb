package io.ledger.api.config;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Tells Axon which database errors mean "another writer appended to this stream first". Both H2 and PostgreSQL
 * report a unique-key violation with SQLSTATE 23505; vendor error codes differ (PostgreSQL has none), so the
 * standard SQLSTATE is what is checked. Other integrity errors are bugs, not conflicts, and are not retried.
 */
final class UniqueViolationResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
