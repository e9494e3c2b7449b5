package org.tuopin.base.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

import org.tuopin.base.export.TableExport.RowSource;


/**
 * One REST export from start to end: its start audited before the first byte, its rows and bytes counted as they leave,
 * and its end audited as finished or, when the client goes away or the query fails, as aborted.
 */
public final class AuditedExport {

    /** Writes the export; returns the rows written. Rows handed through {@link #counted} are counted as they go. */
    @FunctionalInterface
    public interface Body {
        long write(OutputStream out, AtomicLong rows) throws IOException;
    }

    private AuditedExport() {
    }

    public static long stream(ExportService exports, String what, String format, String filter, OutputStream target,
                       Body body) throws IOException {
        ExportService.Run run = exports.started(what, format, filter);
        AtomicLong bytes = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        OutputStream out = new FilterOutputStream(target) {
            @Override
            public void write(int b) throws IOException {
                target.write(b);
                bytes.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                target.write(b, off, len);
                bytes.addAndGet(len);
            }
        };
        long written;
        try {
            written = body.write(out, rows);
            out.flush();
        } catch (IOException | RuntimeException e) {
            exports.aborted(run, rows.get(), bytes.get(), ExportService.reason(e));
            throw e;
        }
        exports.finished(run, written);
        return written;
    }

    public static <T> RowSource<T> counted(RowSource<T> source, AtomicLong rows) {
        return sink -> source.forEach(row -> {
            sink.accept(row);
            rows.incrementAndGet();
        });
    }
}
