package io.ledger.query.balance;

import org.junit.jupiter.params.provider.Arguments;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every {@link BalanceStore}, each new and empty per test: the audit tool replays into memory what the service
 * projects into its database (buffering each processor batch's writes until it commits), and a rebuild writes
 * through a buffered store, so every rule of the balance view must hold for all four. The JDBC store runs on a fresh
 * Flyway-migrated H2 database. Use as {@code @MethodSource("io.ledger.query.balance.BalanceStores#both")}.
 */
final class BalanceStores {

    private BalanceStores() {
    }

    static Stream<Arguments> both() {
        return Stream.of(
                arguments(named("in memory", (Supplier<BalanceStore>) InMemoryBalanceStore::new)),
                arguments(named("JDBC on H2", (Supplier<BalanceStore>) H2ReadModel::freshStore)),
                arguments(named("JDBC on H2, each write a processor batch",
                        (Supplier<BalanceStore>) EachInItsOwnBatch::onFreshH2)),
                arguments(named("rebuild's buffered store on H2",
                        (Supplier<BalanceStore>) WrittenAfterEachEvent::onFreshH2)));
    }
}
