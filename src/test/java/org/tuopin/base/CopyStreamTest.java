package org.tuopin.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tuopin.TuopinTest;

/**
 * Exports stream through COPY (DD016): every text must come back as stored, parameters must stay data however
 * hostile, and a reader that stops half way must leave the connection fit for the next request.
 */
@TuopinTest
class CopyStreamTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void textsComeBackAsStoredAndParametersStayData() {
        String hostile = "it's a\ttab, a\nline, a \\backslash, a \\N, \r\b\f\u000B, 昭觉县 𝄞 '); drop table region; --";
        List<Object[]> rows = new ArrayList<>();
        long n = CopyStream.query(dataSource, """
                        select cast(:text as text), cast(:number as bigint), cast(null as text), cast(:year as int),
                               cast('1200.50' as numeric(20, 2)), cast(:text as text) || '%', g
                        from generate_series(1, 3) g where :text like '%' and g = any(cast(:ids as bigint[]))""",
                new MapSqlParameterSource("text", hostile).addValue("number", -42L).addValue("year", 2020)
                        .addValue("ids", new Long[]{1L, 3L}),
                row -> rows.add(new Object[]{row.text(0), row.longValue(1), row.isNull(2), row.text(2), row.intValue(3),
                        row.decimal(4), row.text(5), row.longValue(6)}));
        assertThat(n).isEqualTo(2);
        assertThat(rows).hasSize(2);
        for (Object[] row : rows) {
            assertThat(row[0]).isEqualTo(hostile);
            assertThat(row[1]).isEqualTo(-42L);
            assertThat(row[2]).isEqualTo(true);
            assertThat(row[3]).isNull();
            assertThat(row[4]).isEqualTo(2020);
            assertThat((BigDecimal) row[5]).isEqualByComparingTo("1200.50");
            assertThat(row[6]).isEqualTo(hostile + "%");
        }
        assertThat(rows.stream().map(r -> r[7]).toList()).containsExactly(1L, 3L);
        assertThat(jdbc.sql("select count(*) from region").query(Long.class).single()).isPositive();
    }

    @Test
    void aReaderThatStopsHalfWayLeavesTheConnectionsUsable() {
        for (int attempt = 0; attempt < 12; attempt++) {
            int[] seen = {0};
            assertThatThrownBy(() -> CopyStream.query(dataSource, "select g from generate_series(1, 200000) g",
                    new MapSqlParameterSource(), row -> {
                        if (++seen[0] == 1000) {
                            throw new IllegalStateException("download cancelled");
                        }
                    })).hasMessage("download cancelled");
            assertThat(seen[0]).isEqualTo(1000);
            // more attempts than the pool has connections: a connection left inside a COPY would fail one of these
            assertThat(jdbc.sql("select count(*) from generate_series(1, 10)").query(Long.class).single())
                    .isEqualTo(10);
        }
    }
}
