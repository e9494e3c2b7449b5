package org.tuopin.audit.ui;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.tuopin.access.Role;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditQueryService.AuditRow;
import org.tuopin.audit.FieldChange;
import org.tuopin.audit.RefusalTally;
import org.tuopin.base.ui.Formats;
import org.tuopin.dispatch.DispatchRole;
import org.tuopin.dispatch.OfficialRank;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ReportState;
import org.tuopin.figures.ValueKind;
import org.tuopin.pairing.DonorType;
import org.tuopin.region.Designation;
import org.tuopin.region.RegionLevel;

/**
 * How the audit view names a recorded field and shows its values in the reader's language
 * (docs/design-decisions/DD019). The stored entry keeps the raw names and values, since the hash chain covers
 * them; only their reading is translated. A field without a label (one an older version wrote, say) reads as its
 * raw name, and a value that is not a known code as it was stored: nothing ever reads blank and nothing throws.
 */
final class ChangeLabels {

    /** The reader's translations: a component's {@code getTranslation}, or the provider with a fixed locale. */
    @FunctionalInterface
    interface Translation {
        String get(String key, Object... args);
    }

    /** What an absent value reads as, in every language (as in the rest of the UI). */
    static final String NONE = "–";

    /** The label of a field by its recorded name, whatever the record; existing screen labels where they fit. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            // reports
            Map.entry("state", "column.state"),
            Map.entry("comment", "report.comment"),
            Map.entry("version", "export.header.version"),
            // reporting years
            Map.entry("open", "audit.field.open"),
            Map.entry("exceptionUntil", "audit.field.exceptionUntil"),
            // exports
            Map.entry("format", "audit.field.format"),
            Map.entry("filter", "audit.field.filter"),
            Map.entry("rows", "audit.field.rows"),
            Map.entry("bytesBeforeCancel", "audit.field.bytesBeforeCancel"),
            Map.entry("exportId", "audit.field.exportId"),
            Map.entry("rowsWritten", "audit.field.rowsWritten"),
            Map.entry("bytesWritten", "audit.field.bytesWritten"),
            // roster postings
            Map.entry("officialNo", "dispatch.officialNo"),
            Map.entry("name", "dispatch.name"),
            Map.entry("rank", "dispatch.rank"),
            Map.entry("sendingOrganisation", "dispatch.organisation"),
            Map.entry("village", "dispatch.village"),
            Map.entry("startDate", "export.header.start_date"),
            Map.entry("endDate", "export.header.end_date"),
            Map.entry("bilingual", "dispatch.bilingual"),
            Map.entry("note", "column.note"),
            // pairing records
            Map.entry("donor", "export.header.donor"),
            Map.entry("donor_type", "export.header.donor_type"),
            Map.entry("recipient_code", "export.header.recipient_code"),
            Map.entry("year", "column.year"),
            Map.entry("funds_pledged_rmb", "export.header.funds_pledged_rmb"),
            Map.entry("funds_delivered_rmb", "export.header.funds_delivered_rmb"),
            Map.entry("projects", "export.header.projects"),
            Map.entry("people_helped", "export.header.people_helped"),
            Map.entry("source", "column.source"),
            // regions
            Map.entry("parent", "export.header.parent_code"),
            Map.entry("nameEn", "column.nameEn"),
            Map.entry("nameZh", "column.nameZh"),
            Map.entry("level", "column.level"),
            Map.entry("designation", "column.designation"),
            Map.entry("eightProvinces", "regions.eightProvinces"),
            // accounts and the role policy
            Map.entry("username", "accounts.username"),
            Map.entry("displayName", "accounts.displayName"),
            Map.entry("role", "accounts.role"),
            Map.entry("region", "column.region"),
            Map.entry("enabled", "export.header.enabled"),
            Map.entry("failedAttempts", "export.header.failed_attempts"),
            Map.entry("lockedUntil", "export.header.locked_until"),
            Map.entry("mustChangePassword", "accounts.mustChange"),
            Map.entry("sessions", "audit.field.sessions"),
            Map.entry("locale", "audit.field.locale"),
            Map.entry("totp", "export.header.totp_enabled"),
            Map.entry("totpRequired", "audit.field.totpRequired"),
            // personal API tokens (DD021)
            Map.entry("apiToken", "audit.field.apiToken"),
            Map.entry("tokenExpiresAt", "audit.field.tokenExpiresAt"),
            // refusals folded per minute (audit/RefusalTally)
            Map.entry(RefusalTally.REFUSALS, "audit.field.refusals"),
            Map.entry(RefusalTally.MINUTE, "audit.field.minute"));

    /** Where one record type means something else by a field name: keyed "entity type/field". */
    private static final Map<String, String> ENTITY_FIELDS = Map.of(
            "dispatch/role", "dispatch.role",
            "dispatch/region", "dispatch.region");

    /** What follows "metric/kind" in a report entry's field: the value's source, note or follow-up flag. */
    private static final Map<String, String> FIGURE_PARTS = Map.of(
            "source", "column.source",
            "note", "column.note",
            "followUp", "report.followUp");

    private static final List<String> BOOLEANS = List.of("bilingual", "eightProvinces", "enabled",
            "mustChangePassword", "totp", "totpRequired");

    private static final List<String> COUNTS = List.of("projects", "people_helped", "rows", "bytesBeforeCancel",
            "rowsWritten", "bytesWritten", "failedAttempts", "sessions", "version", RefusalTally.REFUSALS);

    /** The fields of an entry that stands for many refusals ({@link RefusalTally}). */
    private static final List<String> TALLIED = List.of(RefusalTally.REFUSALS, RefusalTally.MINUTE);

    private final Translation translation;
    private final Locale locale;

    ChangeLabels(Translation translation, Locale locale) {
        this.translation = translation;
        this.locale = locale;
    }

    /** The i18n key of a plain field's label, if it has one; figure fields are composed by {@link #label}. */
    static Optional<String> key(@Nullable String entityType, String field) {
        String specific = entityType == null ? null : ENTITY_FIELDS.get(entityType + "/" + field);
        return Optional.ofNullable(specific != null ? specific : FIELDS.get(field));
    }

    /** Whether {@link #label} finds a label rather than falling back to the raw name. */
    static boolean labelled(@Nullable String entityType, String field) {
        return key(entityType, field).isPresent() || Figure.parse(field).isPresent();
    }

    /** Every i18n key this class may ask for, so that a test can check both bundles hold them. */
    static List<String> keys() {
        List<String> keys = new java.util.ArrayList<>(FIELDS.values());
        keys.addAll(ENTITY_FIELDS.values());
        keys.addAll(FIGURE_PARTS.values());
        keys.addAll(List.of("audit.field.figure", "audit.field.figurePart", "audit.value.yes", "audit.value.no",
                "years.open", "years.closed", "audit.change", "audit.change.deleted", "audit.change.counted",
                "audit.change.separator",
                "audit.storedAs"));
        return keys;
    }

    /** The field's label in the reader's language, or its raw name when it has none. */
    String label(@Nullable String entityType, String field) {
        Optional<String> key = key(entityType, field);
        if (key.isPresent()) {
            return translation.get(key.get());
        }
        return Figure.parse(field).map(this::label).orElse(field);
    }

    private String label(Figure figure) {
        String name = translation.get("audit.field.figure", translation.get(figure.metric().messageKey()),
                translation.get(figure.kind().messageKey()).toLowerCase(locale));
        return figure.part() == null ? name
                : translation.get("audit.field.figurePart", name, translation.get(FIGURE_PARTS.get(figure.part()))
                .toLowerCase(locale));
    }

    /**
     * A recorded value as the reader reads it: codes by their translated names, numbers with the reader's
     * grouping, everything else (names, dates, region codes) as stored; an absent value as a dash.
     */
    String value(@Nullable String entityType, String field, @Nullable String value) {
        if (value == null) {
            return NONE;
        }
        try {
            return readable(entityType, field, value).orElse(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            // not the code or number this field holds today (an older entry, say): shown as it was stored
            return value;
        }
    }

    private Optional<String> readable(@Nullable String entityType, String field, String value) {
        if (BOOLEANS.contains(field)) {
            return yesNo(value, "audit.value.yes", "audit.value.no");
        }
        if (COUNTS.contains(field)) {
            return Optional.of(Formats.count(Long.parseLong(value), locale));
        }
        return switch (field) {
            case "state" -> code(value, s -> ReportState.valueOf(s).messageKey());
            case "donor_type" -> code(value, s -> DonorType.valueOf(s).messageKey());
            case "rank" -> code(value, s -> OfficialRank.valueOf(s).messageKey());
            case "role" -> "dispatch".equals(entityType) ? code(value, s -> DispatchRole.valueOf(s).messageKey())
                    : code(value, s -> "role." + Role.valueOf(s).name());
            case "level" -> code(value, s -> "level." + RegionLevel.valueOf(s).name());
            case "designation" -> code(value, s -> "designation." + Designation.valueOf(s).name());
            case "open" -> yesNo(value, "years.open", "years.closed");
            case "funds_pledged_rmb", "funds_delivered_rmb" ->
                    Optional.of(Formats.money(Long.parseLong(value), locale, false));
            default -> Figure.parse(field).flatMap(f -> figureValue(f, value));
        };
    }

    private Optional<String> figureValue(Figure figure, String value) {
        if (figure.part() == null) {
            return Optional.of(Formats.number(new BigDecimal(value), figure.metric().unit(), locale));
        }
        return "followUp".equals(figure.part()) ? yesNo(value, "audit.value.yes", "audit.value.no") : Optional.empty();
    }

    private Optional<String> code(String value, Function<String, String> key) {
        return Optional.of(translation.get(key.apply(value)));
    }

    private Optional<String> yesNo(String value, String yes, String no) {
        return switch (value) {
            case "true" -> Optional.of(translation.get(yes));
            case "false" -> Optional.of(translation.get(no));
            default -> Optional.empty();
        };
    }

    /** One change as the grid's changes column shows it: "label: before → after", or a deleted record's last value. */
    String describeChange(AuditRow row, FieldChange c) {
        String label = label(row.entityType(), c.field());
        if (row.action() == AuditAction.DELETE && c.after() == null) {
            return translation.get("audit.change.deleted", label, value(row.entityType(), c.field(), c.before()));
        }
        if (c.before() == null && TALLIED.contains(c.field())) {
            // a count and its minute have no "before": "Refusals in that minute: 200"
            return translation.get("audit.change.counted", label, value(row.entityType(), c.field(), c.after()));
        }
        return translation.get("audit.change", label, value(row.entityType(), c.field(), c.before()),
                value(row.entityType(), c.field(), c.after()));
    }

    /** All of an entry's changes in one line. */
    String describe(AuditRow row) {
        return String.join(translation.get("audit.change.separator"),
                row.changes().stream().map(c -> describeChange(row, c)).toList());
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
