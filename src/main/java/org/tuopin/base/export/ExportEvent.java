package org.tuopin.base.export;

/**
 * What {@link ExportService} announces about an export, so that the module that keeps the audit trail can record it
 * without the export engine knowing that module. Published synchronously, in the exporting thread and inside the
 * transaction of its own that the service opens: whoever records it sees the signed-in account, and the record is
 * committed before the service returns.
 */
public sealed interface ExportEvent {

    ExportService.Run run();

    /** The export is about to write its first byte. */
    record Started(ExportService.Run run) implements ExportEvent {
    }

    /** The export wrote its last row. */
    record Finished(ExportService.Run run, long rows) implements ExportEvent {
    }

    /** The export stopped before its last row: what had left, and why it stopped. */
    record Aborted(ExportService.Run run, long rowsWritten, long bytesWritten, String reason) implements ExportEvent {
    }
}
