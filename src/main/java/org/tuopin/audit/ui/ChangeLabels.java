package org.tuopin.audit.ui;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditLabels;
import org.tuopin.audit.AuditLabels.Reader;
import org.tuopin.audit.AuditLabels.Translation;
import org.tuopin.audit.AuditQueryService.AuditRow;
import org.tuopin.audit.FieldChange;
import org.tuopin.audit.FieldLabels;
import org.tuopin.audit.RefusalTally;

/**
 * How the audit view names a recorded field and shows its values in the reader's language
 * (docs/design-decisions/DD019). The stored entry keeps the raw names and values, since the hash chain covers
 * them; only their reading is translated, by the {@link AuditLabels} the modules that record entries contribute.
 * A field without a label (one an older version wrote, say) reads as its raw name, and a value that is not a
 * known code as it was stored: nothing ever reads blank and nothing throws.
 */
final class ChangeLabels {

    /** What an absent value reads as, in every language (as in the rest of the UI). */
    static final String NONE = "–";

    /**
     * The fields the audit trail writes itself, into any record's entries (the version a stale save met, the
     * refusals folded per minute), and those of the exports it records: the export engine sits below the audit
     * module and contributes no labels of its own.
     */
    static final AuditLabels TRAIL = FieldLabels.forRecords("export")
            .count("version", "export.header.version")
            .count(RefusalTally.REFUSALS, "audit.field.refusals")
            .field(RefusalTally.MINUTE, "audit.field.minute")
            .field("format", "audit.field.format")
            .field("filter", "audit.field.filter")
            .count("rows", "audit.field.rows")
            .count("bytesBeforeCancel", "audit.field.bytesBeforeCancel")
            .field("exportId", "audit.field.exportId")
            .count("rowsWritten", "audit.field.rowsWritten")
            .count("bytesWritten", "audit.field.bytesWritten")
            .build();

    /** The fields of an entry that stands for many refusals ({@link RefusalTally}). */
    private static final List<String> TALLIED = List.of(RefusalTally.REFUSALS, RefusalTally.MINUTE);

    /** A reader that sees keys rather than texts: enough to tell whether a label exists. */
    private static final Reader KEYS = new Reader((key, args) -> key, Locale.ROOT);

    private final List<AuditLabels> contributions;
    private final Reader reader;

    ChangeLabels(List<AuditLabels> contributions, Translation translation, Locale locale) {
        this.contributions = Stream.concat(Stream.of(TRAIL), contributions.stream()).toList();
        this.reader = new Reader(translation, locale);
    }

    /** Who is asked about an entry of this record type, in order: the record type's own contributions first. */
    private Stream<AuditLabels> askFor(@Nullable String entityType) {
        if (entityType == null) {
            return contributions.stream();
        }
        return Stream.concat(contributions.stream().filter(c -> c.entityTypes().contains(entityType)),
                contributions.stream().filter(c -> !c.entityTypes().contains(entityType)));
    }

    private <T> Optional<T> first(@Nullable String entityType, Function<AuditLabels, Optional<T>> question) {
        return askFor(entityType).map(question).flatMap(Optional::stream).findFirst();
    }

    /** Whether {@link #label} finds a label rather than falling back to the raw name. */
    boolean labelled(@Nullable String entityType, String field) {
        return first(entityType, c -> c.label(entityType, field, KEYS)).isPresent();
    }

    /** Every i18n key the labels may ask for, so that a test can check both bundles hold them. */
    Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        contributions.forEach(c -> keys.addAll(c.keys()));
        keys.addAll(List.of("audit.value.yes", "audit.value.no", "audit.change", "audit.change.deleted",
                "audit.change.counted", "audit.change.separator", "audit.storedAs"));
        return keys;
    }

    /** The field's label in the reader's language, or its raw name when it has none. */
    String label(@Nullable String entityType, String field) {
        return first(entityType, c -> c.label(entityType, field, reader)).orElse(field);
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
            return first(entityType, c -> c.value(entityType, field, value, reader)).orElse(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            // not the code or number this field holds today (an older entry, say): shown as it was stored
            return value;
        }
    }

    /** One change as the grid's changes column shows it: "label: before → after", or a deleted record's last value. */
    String describeChange(AuditRow row, FieldChange c) {
        String label = label(row.entityType(), c.field());
        if (row.action() == AuditAction.DELETE && c.after() == null) {
            return reader.get("audit.change.deleted", label, value(row.entityType(), c.field(), c.before()));
        }
        if (c.before() == null && TALLIED.contains(c.field())) {
            // a count and its minute have no "before": "Refusals in that minute: 200"
            return reader.get("audit.change.counted", label, value(row.entityType(), c.field(), c.after()));
        }
        return reader.get("audit.change", label, value(row.entityType(), c.field(), c.before()),
                value(row.entityType(), c.field(), c.after()));
    }

    /** All of an entry's changes in one line. */
    String describe(AuditRow row) {
        return String.join(reader.get("audit.change.separator"),
                row.changes().stream().map(c -> describeChange(row, c)).toList());
    }
}
