package org.tuopin.exchange;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.access.CurrentScope;
import org.tuopin.access.Scope;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;

/**
 * Records every export in the audit trail twice: when it starts (who, what, which filter), committed before the first
 * byte leaves, and when it ends, finished with its row count or aborted with what had been written and why. An export
 * cut off by the client, or by a failing query, so still leaves its start and its abort (docs/design-decisions/DD024).
 * Both entries carry the same export id.
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

    private final AuditTrail audit;
    private final CurrentScope currentScope;

    ExportService(AuditTrail audit, CurrentScope currentScope) {
        this.audit = audit;
        this.currentScope = currentScope;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Run started(String what, String format, String filter) {
        Run run = new Run(UUID.randomUUID().toString().substring(0, 13), what, format, filter);
        record(AuditAction.EXPORT_STARTED, run, List.of(), null);
        return run;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void finished(Run run, long rows) {
        record(AuditAction.EXPORT, run, List.of(FieldChange.of("rows", null, rows)), null);
    }

    /** An export that ended before its last row: the rows and bytes that had left, and why it stopped. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void aborted(Run run, long rowsWritten, long bytesWritten, String reason) {
        record(AuditAction.EXPORT_ABORTED, run, List.of(FieldChange.of("rowsWritten", null, rowsWritten),
                FieldChange.of("bytesWritten", null, bytesWritten)), reason);
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

    private void record(AuditAction action, Run run, List<FieldChange> size, @Nullable String reason) {
        Scope scope = currentScope.require();
        List<FieldChange> fields = new java.util.ArrayList<>(List.of(FieldChange.of("exportId", null, run.id()),
                FieldChange.of("format", null, run.format()), FieldChange.of("filter", null, run.filter())));
        fields.addAll(size);
        audit.record(new AuditTrail.Event(new AuditTrail.Actor(scope.username(), scope.role().name()), action,
                "export", run.what(), scope.regionId(), fields, reason));
    }
}
