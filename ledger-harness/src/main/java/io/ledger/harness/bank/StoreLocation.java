package io.ledger.harness.bank;

/** Where the run's event store is, for the harness's own reads and for the audit tool. */
record StoreLocation(String jdbcUrl, String user, String password) {
}
