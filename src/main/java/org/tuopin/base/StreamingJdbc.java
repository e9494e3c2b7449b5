package org.tuopin.base;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A template for queries that stream: PostgreSQL reads with a cursor, a page of rows at a time, when a
 * fetch size is set and the query runs inside a transaction. Exports and verification use it so that
 * memory stays flat whatever the row count.
 */
public final class StreamingJdbc {

    /**
     * Rows per round trip. 2,000 rows of a figures export are about 1 MB of heap: a quarter of the round trips
     * of 500 for a megabyte (docs/performance.md; under this machine's load the gain was within the noise).
     */
    public static final int FETCH_SIZE = 2_000;

    private StreamingJdbc() {
    }

    public static NamedParameterJdbcTemplate on(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH_SIZE);
        return new NamedParameterJdbcTemplate(template);
    }
}
