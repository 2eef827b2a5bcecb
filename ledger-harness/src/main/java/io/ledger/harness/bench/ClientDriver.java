package io.ledger.harness.bench;

/** What one benchmark client does, one request at a time; each client thread gets its own driver. */
public interface ClientDriver extends AutoCloseable {

    Outcome sendNext();

    @Override
    default void close() {
    }
}
