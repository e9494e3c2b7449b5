package org.tuopin.exchange;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;
import org.tuopin.security.CurrentScope;
import org.tuopin.security.Scope;

/** Records every export in the audit trail: who, what, with which filter, how many rows. */
@Service
public class ExportService {

    private final AuditTrail audit;
    private final CurrentScope currentScope;

    ExportService(AuditTrail audit, CurrentScope currentScope) {
        this.audit = audit;
        this.currentScope = currentScope;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordExport(String what, String format, String filter, long rows) {
        record(what, format, filter, FieldChange.of("rows", null, rows), null);
    }

    /** An export the reader cancelled while it downloaded: recorded with the bytes that had left. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordCancelledExport(String what, String format, String filter, long bytes) {
        record(what, format, filter, FieldChange.of("bytesBeforeCancel", null, bytes), "cancelled by the reader");
    }

    private void record(String what, String format, String filter, FieldChange size, @Nullable String reason) {
        Scope scope = currentScope.require();
        audit.record(new AuditTrail.Event(new AuditTrail.Actor(scope.username(), scope.role().name()), AuditAction.EXPORT,
                "export", what, scope.regionId(), List.of(FieldChange.of("format", null, format),
                FieldChange.of("filter", null, filter), size), reason));
    }
}
