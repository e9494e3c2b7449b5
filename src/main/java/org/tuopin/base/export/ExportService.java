package org.tuopin.base.export;

import java.io.IOException;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Announces every export twice: when it starts (who, what, which filter), before the first byte leaves, and when it
 * ends, finished with its row count or aborted with what had been written and why. An export cut off by the client,
 * or by a failing query, so still leaves its start and its abort (docs/design-decisions/DD024). Both carry the same
 * export id.
 *
 * <p>Each announcement is an {@link ExportEvent} published in a transaction of its own, so that the audit module's
 * listener writes the entry and it is committed before the export goes on, whatever becomes of the export's own work.
 */
@Service
public class ExportService {

    /** One export under way: what its end entry repeats. */
    public record Run(String id, String what, String format, String filter) {
    }

    /** The reason of an export the reader cancelled in the UI. */
    public static final String CANCELLED = "cancelled by the reader";
    /** The reason of an export whose client went away before the end: the connection closed, a write failed. */
    public static final String CLIENT_GONE = "the client closed the connection";

    private final ApplicationEventPublisher events;

    ExportService(ApplicationEventPublisher events) {
        this.events = events;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Run started(String what, String format, String filter) {
        Run run = new Run(UUID.randomUUID().toString().substring(0, 13), what, format, filter);
        events.publishEvent(new ExportEvent.Started(run));
        return run;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void finished(Run run, long rows) {
        events.publishEvent(new ExportEvent.Finished(run, rows));
    }

    /** An export that ended before its last row: the rows and bytes that had left, and why it stopped. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void aborted(Run run, long rowsWritten, long bytesWritten, String reason) {
        events.publishEvent(new ExportEvent.Aborted(run, rowsWritten, bytesWritten, reason));
    }

    /** Why an export stopped, from what stopped it: a write that failed means the client went away. */
    public static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return CLIENT_GONE;
            }
        }
        return "the export failed: " + failure.getClass().getSimpleName();
    }
}
