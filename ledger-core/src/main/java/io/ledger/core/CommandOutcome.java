package io.ledger.core;

/**
 * What an idempotent command returns: its result, and whether this call created it or repeated an earlier call
 * with the same id and content. A repeat returns the original result unchanged and wrote nothing.
 */
public record CommandOutcome<T>(T result, boolean repeated) {

    public static <T> CommandOutcome<T> created(T result) {
        return new CommandOutcome<>(result, false);
    }

    public static <T> CommandOutcome<T> repeated(T result) {
        return new CommandOutcome<>(result, true);
    }
}
