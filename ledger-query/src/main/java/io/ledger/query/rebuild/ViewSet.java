package io.ledger.query.rebuild;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which of the two table sets of the balance view answers: "a" (the tables the migrations name) or "b" (suffix
 * _b). A rebuild fills the other set while this one keeps answering, then switches. The choice is kept in the
 * database (table view_set) so that it survives restarts; this node caches it and changes it only by
 * {@link #switchTo}.
 */
public final class ViewSet {

    public static final String VIEW = "balances";

    private final JdbcTemplate jdbc;
    private volatile String active;

    public ViewSet(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public String active() {
        String current = active;
        if (current == null) {
            current = jdbc.queryForObject("SELECT active_set FROM view_set WHERE view_name = ?", String.class, VIEW);
            active = current;
        }
        return current;
    }

    public String inactive() {
        return "a".equals(active()) ? "b" : "a";
    }

    public void switchTo(String set) {
        jdbc.update("UPDATE view_set SET active_set = ? WHERE view_name = ?", set, VIEW);
        active = set;
    }

    /** The table-name suffix of a set. */
    public static String suffix(String set) {
        return "a".equals(set) ? "" : "_" + set;
    }
}
