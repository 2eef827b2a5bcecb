package io.ledger.query.rebuild;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebuild drops a view set's secondary indexes and builds them again from {@link ViewSetIndexes#INDEXES}; these
 * tests hold that list to what the migrations create, so the two cannot drift apart unnoticed.
 */
class ViewSetIndexesTest {

    private static final List<String> VIEW_TABLES = List.of("ACCOUNT_BALANCE", "TRANSFER_RECORD", "STATEMENT_ENTRY",
            "STATEMENT_TRANSFER_METADATA", "ACCOUNT_BALANCE_B", "TRANSFER_RECORD_B", "STATEMENT_ENTRY_B",
            "STATEMENT_TRANSFER_METADATA_B");

    private final JdbcTemplate jdbc = freshMigratedDatabase();
    private final ViewSetIndexes indexes = new ViewSetIndexes(jdbc);

    @Test
    void theListNamesEverySecondaryIndexTheMigrationsGiveBothSetsWithTheSameColumns() {
        assertThat(secondaryIndexes()).containsExactlyInAnyOrderElementsOf(expected());
    }

    @Test
    void droppingLeavesOnlyTheKeysOfTheSetAndTheOtherSetUntouched() {
        indexes.drop("b");

        assertThat(secondaryIndexes()).containsExactlyInAnyOrderElementsOf(expectedIn(""));
        assertThat(primaryAndUniqueKeyCount()).isEqualTo(8);
    }

    @Test
    void ensuringAfterADropGivesBackWhatTheMigrationsMadeAndIsHarmlessWhenNothingIsMissing() {
        List<String> migrated = secondaryIndexes();

        indexes.drop("a");
        indexes.drop("a");
        indexes.ensure("a");
        indexes.ensure("a");
        indexes.ensure("b");

        assertThat(secondaryIndexes()).containsExactlyInAnyOrderElementsOf(migrated);
    }

    @Test
    void analyzeRunsOnBothSets() {
        jdbc.update("INSERT INTO statement_transfer_metadata_b (transfer_id, metadata_json) VALUES ('t', '{}')");

        indexes.analyze("a");
        indexes.analyze("b");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM statement_transfer_metadata_b", Long.class))
                .isEqualTo(1);
    }

    private static List<String> expected() {
        List<String> both = new java.util.ArrayList<>(expectedIn(""));
        both.addAll(expectedIn("_b"));
        return both;
    }

    /** Each index as "name on table (columns)", upper case as H2 keeps unquoted names. */
    private static List<String> expectedIn(String suffix) {
        return ViewSetIndexes.INDEXES.stream()
                .map(index -> (index.nameIn(suffix) + " on " + index.tableIn(suffix) + " ("
                        + index.columns().replace(" ", "") + ")").toUpperCase(Locale.ROOT))
                .toList();
    }

    private List<String> secondaryIndexes() {
        return jdbc.queryForList("""
                SELECT i.INDEX_NAME || ' ON ' || i.TABLE_NAME || ' ('
                       || LISTAGG(c.COLUMN_NAME, ',') WITHIN GROUP (ORDER BY c.ORDINAL_POSITION) || ')'
                FROM INFORMATION_SCHEMA.INDEXES i
                JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c
                  ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME
                WHERE i.TABLE_SCHEMA = 'PUBLIC' AND i.INDEX_TYPE_NAME = 'INDEX' AND i.TABLE_NAME IN (%s)
                GROUP BY i.INDEX_NAME, i.TABLE_NAME
                """.formatted(tableList()), String.class);
    }

    private long primaryAndUniqueKeyCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = 'PUBLIC' "
                + "AND INDEX_TYPE_NAME <> 'INDEX' AND TABLE_NAME IN (" + tableList() + ")", Long.class);
    }

    private static String tableList() {
        return String.join(", ", VIEW_TABLES.stream().map(table -> "'" + table + "'").toList());
    }

    private static JdbcTemplate freshMigratedDatabase() {
        String url = "jdbc:h2:mem:view-set-indexes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2").load().migrate();
        return new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
    }
}
