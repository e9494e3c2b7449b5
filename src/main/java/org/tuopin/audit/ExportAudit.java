package org.tuopin.audit;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tuopin.access.CurrentScope;
import org.tuopin.access.Scope;
import org.tuopin.base.export.ExportEvent;
import org.tuopin.base.export.ExportService.Run;

/**
 * Records the export engine's announcements in the audit trail: EXPORT_STARTED, EXPORT and EXPORT_ABORTED entries
 * under the export's id. A plain, synchronous listener on purpose: it runs in the exporting thread, so the signed-in
 * account is the actor, and inside the transaction the export service opened, so the entry is committed before the
 * export goes on (and a failure to record stops the export, as it must).
 */
@Component
class ExportAudit {

    private final AuditTrail audit;
    private final CurrentScope currentScope;

    ExportAudit(AuditTrail audit, CurrentScope currentScope) {
        this.audit = audit;
        this.currentScope = currentScope;
    }

    @EventListener
    void on(ExportEvent event) {
        switch (event) {
            case ExportEvent.Started s -> record(AuditAction.EXPORT_STARTED, s.run(), List.of(), null);
            case ExportEvent.Finished f ->
                    record(AuditAction.EXPORT, f.run(), List.of(FieldChange.of("rows", null, f.rows())), null);
            case ExportEvent.Aborted a -> record(AuditAction.EXPORT_ABORTED, a.run(),
                    List.of(FieldChange.of("rowsWritten", null, a.rowsWritten()),
                            FieldChange.of("bytesWritten", null, a.bytesWritten())), a.reason());
        }
    }

    private void record(AuditAction action, Run run, List<FieldChange> size, @Nullable String reason) {
        Scope scope = currentScope.require();
        List<FieldChange> fields = new ArrayList<>(List.of(FieldChange.of("exportId", null, run.id()),
                FieldChange.of("format", null, run.format()), FieldChange.of("filter", null, run.filter())));
        fields.addAll(size);
        audit.record(new AuditTrail.Event(new AuditTrail.Actor(scope.username(), scope.role().name()), action,
                "export", run.what(), scope.regionId(), fields, reason));
    }
}
