package io.ledger.query.statement;

import org.junit.jupiter.params.provider.Arguments;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every {@link StatementStore} (the JDBC one also as the processor drives it, and as a rebuild writes it), each new and empty per test: the audit tool replays into memory what the service
 * projects into its database, so every rule of the statement view must hold for both. The JDBC store runs on a
 * fresh Flyway-migrated H2 database. Use as {@code @MethodSource("io.ledger.query.statement.StatementStores#both")}.
 */
final class StatementStores {

    private StatementStores() {
    }

    static Stream<Arguments> both() {
        return Stream.of(
                arguments(named("in memory", inMemory())),
                arguments(named("JDBC on H2", jdbc())),
                arguments(named("JDBC on H2, in units of work", jdbcInUnitsOfWork())),
                arguments(named("rebuild's buffered store on H2", rebuildBuffered())));
    }

    static Supplier<StatementStore> inMemory() {
        return InMemoryStatementStore::new;
    }

    static Supplier<StatementStore> jdbc() {
        return StatementReadModel::freshStore;
    }

    /** The store a rebuild writes through, its rows written after every entry. */
    static Supplier<StatementStore> rebuildBuffered() {
        return WrittenAfterEachEntry::onFreshH2;
    }

    /** The JDBC store as the service's processor uses it: it remembers its own writes between events. */
    static Supplier<StatementStore> jdbcInUnitsOfWork() {
        return () -> new InUnitsOfWork(StatementReadModel.freshStore());
    }
}
