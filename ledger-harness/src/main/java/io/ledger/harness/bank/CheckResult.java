package io.ledger.harness.bank;

/** One check of a run: passed, failed (with what was wrong), or not run (with why). */
public record CheckResult(String name, Status status, String detail) {

    public enum Status { PASSED, FAILED, NOT_RUN }

    static CheckResult of(String name, boolean holds, String detail) {
        return new CheckResult(name, holds ? Status.PASSED : Status.FAILED, detail);
    }
}
