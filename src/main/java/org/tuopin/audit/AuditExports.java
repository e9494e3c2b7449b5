package org.tuopin.audit;

import java.util.List;
import java.util.function.UnaryOperator;

import org.tuopin.audit.AuditQueryService.AuditRow;
import org.tuopin.base.export.TableExport.Column;

/** The columns of an audit-trail export, for the audit view and the API (machine names unless translated). */
public final class AuditExports {

    private AuditExports() {
    }

    public static List<Column<AuditRow>> columns(UnaryOperator<String> header) {
        return List.of(
                new Column<>(header.apply("seq"), AuditRow::seq),
                new Column<>(header.apply("at"), AuditRow::at),
                new Column<>(header.apply("account"), AuditRow::account),
                new Column<>(header.apply("role"), AuditRow::role),
                new Column<>(header.apply("client_address"), AuditRow::clientAddress),
                new Column<>(header.apply("action"), r -> r.action().name()),
                new Column<>(header.apply("entity_type"), AuditRow::entityType),
                new Column<>(header.apply("entity_id"), AuditRow::entityId),
                new Column<>(header.apply("region_code"), AuditRow::regionCode),
                new Column<>(header.apply("changes"), r -> String.join("; ", r.changes().stream()
                        .map(c -> c.field() + ": " + (c.before() == null ? "–" : c.before()) + " → "
                                + (c.after() == null ? "–" : c.after())).toList())),
                new Column<>(header.apply("reason"), AuditRow::reason),
                new Column<>(header.apply("hash"), AuditRow::hash));
    }
}
