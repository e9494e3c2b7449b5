package org.tuopin.dashboard;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Settings for the dashboards' aggregate queries, for the rest of the current transaction.
 *
 * <p>The JDBC driver turns a statement run five times on a connection into a server-side prepared statement, and
 * PostgreSQL then plans it once for any parameter values (a generic plan). For a scope's prefix match
 * ({@code path like :scope}) a generic plan cannot use the index range that the value {@code 'CN/%'} opens, and
 * it sorts what a custom plan hashes: the national roster counts took 46 ms instead of 20, the pairing sums 28 ms
 * instead of 17 (docs/design-decisions/DD012). The aggregates run a few times per page open, so planning each for its
 * values costs far less than it saves. Their hash tables of up to ~100,000 rows also need more than the default
 * 4 MB of working memory, or PostgreSQL sorts them on disk instead.
 */
final class Aggregation {

    private Aggregation() {
    }

    /** Custom plans and 32 MB of working memory until the transaction ends; needs a transaction. */
    static void prepare(JdbcClient jdbc) {
        jdbc.sql("select set_config('plan_cache_mode', 'force_custom_plan', true), set_config('work_mem', '32MB', true)")
                .query((rs, n) -> rs.getString(1)).single();
    }
}
