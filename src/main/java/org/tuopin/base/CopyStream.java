package org.tuopin.base;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Utils;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Streams the rows of a query through {@code COPY (query) TO STDOUT}, for exports of a million rows. A cursor
 * (StreamingJdbc) asks for each page and waits; PostgreSQL also runs a query read through a cursor without
 * parallel workers, because the reader might stop early. COPY runs the query once, with workers, and sends rows
 * while the application writes the ones before (docs/design-decisions/DD016). Memory stays flat: one row is held
 * at a time.
 *
 * <p>COPY takes no bind parameters, so the named parameters are written into the statement as literals, escaped
 * by the driver's own literal escaping; only numbers, text and arrays of numbers are accepted.
 */
public final class CopyStream {

    private static final SQLExceptionTranslator TRANSLATOR = new SQLStateSQLExceptionTranslator();

    private CopyStream() {
    }

    /** One row of COPY's text format: fields separated by tabs, {@code \N} for null, backslash escapes. */
    public static final class Row {

        private byte[] data = new byte[0];
        private int length;
        private final int[] starts = new int[64];
        private final int[] ends = new int[64];
        private int fields;
        /** The texts of the row before and their bytes: reused while the bytes repeat (a report's region, state). */
        private final String[] previous = new String[64];
        private final byte[][] previousBytes = new byte[64][];

        void read(byte[] row) {
            data = row;
            // COPY ends every row with a newline
            length = row.length > 0 && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
            fields = 0;
            int start = 0;
            for (int i = 0; i <= length; i++) {
                if (i == length || data[i] == '\t') {
                    if (fields == starts.length) {
                        throw new IllegalStateException("More than " + starts.length + " fields in a row");
                    }
                    starts[fields] = start;
                    ends[fields] = i;
                    fields++;
                    start = i + 1;
                }
            }
        }

        public int size() {
            return fields;
        }

        public boolean isNull(int field) {
            return ends[field] - starts[field] == 2 && data[starts[field]] == '\\' && data[starts[field] + 1] == 'N';
        }

        public @Nullable String text(int field) {
            if (isNull(field)) {
                return null;
            }
            int from = starts[field];
            int to = ends[field];
            byte[] before = previousBytes[field];
            if (before != null && Arrays.equals(before, 0, before.length, data, from, to)) {
                return previous[field];
            }
            String text = unescape(from, to);
            previous[field] = text;
            previousBytes[field] = Arrays.copyOfRange(data, from, to);
            return text;
        }

        public String required(int field) {
            String text = text(field);
            if (text == null) {
                throw new IllegalStateException("Field " + field + " is null");
            }
            return text;
        }

        public long longValue(int field) {
            long value = 0;
            boolean negative = data[starts[field]] == '-';
            for (int i = starts[field] + (negative ? 1 : 0); i < ends[field]; i++) {
                value = value * 10 + (data[i] - '0');
            }
            return negative ? -value : value;
        }

        public int intValue(int field) {
            return Math.toIntExact(longValue(field));
        }

        public @Nullable BigDecimal decimal(int field) {
            if (isNull(field)) {
                return null;
            }
            char[] digits = new char[ends[field] - starts[field]];
            for (int i = 0; i < digits.length; i++) {
                digits[i] = (char) data[starts[field] + i];
            }
            return new BigDecimal(digits);
        }

        private String unescape(int from, int to) {
            int slash = -1;
            for (int i = from; i < to; i++) {
                if (data[i] == '\\') {
                    slash = i;
                    break;
                }
            }
            if (slash < 0) {
                return new String(data, from, to - from, StandardCharsets.UTF_8);
            }
            byte[] out = new byte[to - from];
            int n = 0;
            for (int i = from; i < to; i++) {
                byte b = data[i];
                if (b != '\\' || i + 1 == to) {
                    out[n++] = b;
                    continue;
                }
                byte next = data[++i];
                switch (next) {
                    case 'b' -> out[n++] = '\b';
                    case 'f' -> out[n++] = '\f';
                    case 'n' -> out[n++] = '\n';
                    case 'r' -> out[n++] = '\r';
                    case 't' -> out[n++] = '\t';
                    case 'v' -> out[n++] = 0x0B;
                    default -> out[n++] = next;
                }
            }
            return new String(out, 0, n, StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs {@code sql} (with named parameters) through COPY on the transaction's connection and hands each row to
     * the sink; the row object is reused, so the sink must take what it needs before it returns. Returns the rows.
     */
    public static long query(DataSource dataSource, String sql, MapSqlParameterSource params, Consumer<Row> sink) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            String statement = "copy (" + inline(sql, params, connection) + ") to stdout";
            CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(statement);
            Row row = new Row();
            long rows = 0;
            try {
                byte[] data;
                while ((data = copy.readFromCopy()) != null) {
                    row.read(data);
                    sink.accept(row);
                    rows++;
                }
            } catch (RuntimeException | Error e) {
                // The reader stopped early (a cancelled download). The rest is read and dropped: a cancel request
                // travels on a connection of its own and can arrive after the COPY ended, cancelling whatever the
                // pooled connection runs next (CopyStreamTest).
                try {
                    while (copy.isActive() && copy.readFromCopy() != null) {
                        // dropped
                    }
                } catch (SQLException drain) {
                    e.addSuppressed(drain);
                }
                throw e;
            }
            return rows;
        } catch (SQLException e) {
            throw TRANSLATOR.translate("COPY", sql, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The statement with every named parameter written as a literal. */
    static String inline(String sql, MapSqlParameterSource params, Connection connection) throws SQLException {
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement(sql);
        String positional = NamedParameterUtils.substituteNamedParameters(parsed, params);
        Object[] values = NamedParameterUtils.buildValueArray(parsed, params, null);
        boolean standard = connection.unwrap(BaseConnection.class).getStandardConformingStrings();
        StringBuilder out = new StringBuilder(positional.length() + 64);
        int next = 0;
        boolean quoted = false;
        for (int i = 0; i < positional.length(); i++) {
            char c = positional.charAt(i);
            if (c == '\'') {
                // the statement's own literals ('%') pass unchanged; a doubled quote inside one toggles twice
                quoted = !quoted;
            }
            if (quoted || c != '?') {
                out.append(c);
                continue;
            }
            out.append(literal(values[next++], standard));
        }
        if (next != values.length) {
            throw new IllegalStateException("Parameters left over: " + (values.length - next));
        }
        return out.toString();
    }

    private static String literal(@Nullable Object value, boolean standardConformingStrings) throws SQLException {
        if (value == null) {
            return "null";
        }
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof String s) {
            StringBuilder sb = new StringBuilder("'");
            Utils.escapeLiteral(sb, s, standardConformingStrings);
            return sb.append('\'').toString();
        }
        if (value instanceof Long[] longs) {
            StringBuilder sb = new StringBuilder("'{");
            for (int i = 0; i < longs.length; i++) {
                sb.append(i > 0 ? "," : "").append(Long.parseLong(longs[i].toString()));
            }
            return sb.append("}'").toString();
        }
        throw new IllegalArgumentException("No literal for " + value.getClass().getName());
    }
}
