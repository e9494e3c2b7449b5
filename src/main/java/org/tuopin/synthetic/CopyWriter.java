package org.tuopin.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams rows into one table with PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv)}: the fastest way in,
 * and memory stays flat because each row leaves as soon as it is written. {@code null} is written as an
 * unquoted empty field (SQL NULL), every other value quoted when it needs to be.
 */
final class CopyWriter implements AutoCloseable {

    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private long rows;

    CopyWriter(Connection connection, String table, String columns) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        this.out = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(pg,
                "copy " + table + " (" + columns + ") from stdin with (format csv)", 1 << 16),
                StandardCharsets.UTF_8), 1 << 16);
    }

    void row(@Nullable Object... values) {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            Object v = values[i];
            if (v == null) {
                continue;
            }
            String s = v.toString();
            if (s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                    || s.indexOf('\r') >= 0) {
                line.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                line.append(s);
            }
        }
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
