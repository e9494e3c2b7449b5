package org.tuopin.figures;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.tuopin.audit.AuditLabels;
import org.tuopin.audit.FieldLabels;
import org.tuopin.base.ui.Formats;

/**
 * How the audit view reads the entries of reports and reporting years (DD019). A report's figures are recorded
 * under composed names, "metric/kind" and "metric/kind/part", whose labels are composed from the metric's and the
 * kind's names ("Poor population, actual"); the other fields come from a plain table.
 */
@Component
class ReportAuditLabels implements AuditLabels {

    /** What follows "metric/kind" in a report entry's field: the value's source, note or follow-up flag. */
    static final Map<String, String> FIGURE_PARTS = Map.of(
            "source", "column.source",
            "note", "column.note",
            "followUp", "report.followUp");

    private static final FieldLabels FIELDS = FieldLabels.forRecords("report", "reporting_year")
            // reports
            .code("state", "column.state", s -> ReportState.valueOf(s).messageKey())
            .field("comment", "report.comment")
            // reporting years
            .flag("open", "audit.field.open", "years.open", "years.closed")
            .field("exceptionUntil", "audit.field.exceptionUntil")
            .build();

    @Override
    public Set<String> entityTypes() {
        return FIELDS.entityTypes();
    }

    @Override
    public Optional<String> label(@Nullable String entityType, String field, Reader reader) {
        Optional<String> plain = FIELDS.label(entityType, field, reader);
        return plain.isPresent() ? plain : Figure.parse(field).map(f -> label(f, reader));
    }

    private static String label(Figure figure, Reader reader) {
        String name = reader.get("audit.field.figure", reader.get(figure.metric().messageKey()),
                reader.get(figure.kind().messageKey()).toLowerCase(reader.locale()));
        return figure.part() == null ? name
                : reader.get("audit.field.figurePart", name, reader.get(FIGURE_PARTS.get(figure.part()))
                .toLowerCase(reader.locale()));
    }

    @Override
    public Optional<String> value(@Nullable String entityType, String field, String value, Reader reader) {
        Optional<String> plain = FIELDS.value(entityType, field, value, reader);
        return plain.isPresent() ? plain : Figure.parse(field).flatMap(f -> value(f, value, reader));
    }

    private static Optional<String> value(Figure figure, String value, Reader reader) {
        if (figure.part() == null) {
            return Optional.of(Formats.number(new BigDecimal(value), figure.metric().unit(), reader.locale()));
        }
        return "followUp".equals(figure.part()) ? switch (value) {
            case "true" -> Optional.of(reader.get("audit.value.yes"));
            case "false" -> Optional.of(reader.get("audit.value.no"));
            default -> Optional.empty();
        } : Optional.empty();
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new HashSet<>(FIELDS.keys());
        keys.addAll(FIGURE_PARTS.values());
        keys.addAll(Set.of("audit.field.figure", "audit.field.figurePart", "audit.value.yes", "audit.value.no"));
        return keys;
    }

    /** A report entry's figure field: "metric/kind", or "metric/kind/part" for its source, note or follow-up flag. */
    record Figure(Metric metric, ValueKind kind, @Nullable String part) {

        static Optional<Figure> parse(String field) {
            String[] pieces = field.split("/", -1);
            if (pieces.length < 2 || pieces.length > 3 || (pieces.length == 3 && !FIGURE_PARTS.containsKey(pieces[2]))) {
                return Optional.empty();
            }
            Optional<Metric> metric = Metric.fromCode(pieces[0]);
            Optional<ValueKind> kind = ValueKind.fromCode(pieces[1]);
            if (metric.isEmpty() || kind.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Figure(metric.get(), kind.get(), pieces.length == 3 ? pieces[2] : null));
        }
    }
}
