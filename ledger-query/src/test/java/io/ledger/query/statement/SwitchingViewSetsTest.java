package io.ledger.query.statement;

import io.ledger.query.rebuild.SwitchableStatementStore;
import io.ledger.query.rebuild.ViewSet;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live statement store goes on after each switch of table sets as if it had just started: what it remembered of
 * a set before that set was rebuilt does not make it refuse the next entry.
 */
class SwitchingViewSetsTest {

    private static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");

    private final JdbcTemplate db = StatementReadModel.freshDatabase();
    private final ViewSet viewSet = new ViewSet(db);
    /** As the live processor calls it: each write in a unit of work, where the store remembers latest entries. */
    private final StatementFeed live = new StatementFeed(new InUnitsOfWork(new SwitchableStatementStore(db, viewSet)));

    @Test
    void theLiveStoreAppendsAfterTheSetItLastWroteWasRebuiltAndSwitchedBackTo() {
        live.open("acc-1", "EUR", AT);
        live.credit("acc-1", "t-1", "bank", 100, "EUR", AT);

        rebuildInto("b", 1);
        live.credit("acc-1", "t-2", "bank", 100, "EUR", AT);
        rebuildInto("a", 2);
        live.credit("acc-1", "t-3", "bank", 100, "EUR", AT);

        List<Long> sequence = db.queryForList(
                "SELECT entry_seq FROM statement_entry WHERE account_id = 'acc-1' ORDER BY entry_seq", Long.class);
        assertThat(sequence).containsExactly(0L, 1L, 2L, 3L);
        assertThat(db.queryForObject("SELECT posted_after_minor FROM statement_entry WHERE account_id = 'acc-1' "
                + "AND entry_seq = 3", Long.class)).isEqualTo(300);
    }

    /** What a rebuild does to the statements: the set emptied, the same events replayed into it, then the switch. */
    private void rebuildInto(String set, int creditsSoFar) {
        JdbcStatementStore tables = new JdbcStatementStore(db, ViewSet.suffix(set));
        tables.clear();
        StatementFeed replay = new StatementFeed(tables);
        replay.open("acc-1", "EUR", AT);
        for (int i = 1; i <= creditsSoFar; i++) {
            replay.credit("acc-1", "t-" + i, "bank", 100, "EUR", AT);
        }
        viewSet.switchTo(set);
    }
}
