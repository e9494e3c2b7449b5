package org.tuopin.figures;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.tuopin.figures.rules.Finding;
import org.tuopin.figures.rules.ValueKey;
import org.tuopin.region.RegionRef;

/** The value types of the report workflow, as views and the API see them. */
public final class ReportModels {

    private ReportModels() {
    }

    /** One value to set; {@code value} null removes it (not reported). */
    public record ValueInput(Metric metric, ValueKind kind, @Nullable BigDecimal value, @Nullable String source,
                             @Nullable String note) {
    }

    /** One report of an import: the values to set in the draft of a region's year. */
    public record DraftImport(String regionCode, int year, List<ValueInput> changes) {
    }

    public record ReportValue(Metric metric, ValueKind kind, BigDecimal value, @Nullable String source,
                              @Nullable String note, boolean followUp) {
        public ValueKey key() {
            return new ValueKey(metric, kind);
        }
    }

    public record Transition(@Nullable ReportState from, ReportState to, String account, Instant at,
                             @Nullable String reason, @Nullable String explanation) {
    }

    public record Comment(String account, Instant at, String text) {
    }

    /** A value that differs from the last approval: before null = added, after null = removed. */
    public record Change(ValueKey key, @Nullable BigDecimal before, @Nullable BigDecimal after) {
    }

    /**
     * A report as it stands. {@code state} null means nobody has started it (the API's NOT_STARTED); then
     * {@code version} is 0 and there are no values.
     */
    public record Report(RegionRef region, int year, @Nullable ReportState state, long version,
                         List<ReportValue> values, Map<ValueKey, BigDecimal> previousYear,
                         @Nullable Map<ValueKey, BigDecimal> lastApproved, List<Change> changesSinceApproval,
                         List<Transition> transitions, List<Comment> comments, List<Finding> findings,
                         boolean yearOpen, boolean editable, boolean reviewable) {

        public @Nullable ReportValue value(ValueKey key) {
            return values.stream().filter(v -> v.key().equals(key)).findFirst().orElse(null);
        }
    }

    /** A report waiting for someone: returned to its office, or submitted to its supervisor. */
    public record InboxItem(String regionCode, String regionNameEn, String regionNameZh, int year, ReportState state,
                            long version, @Nullable String lastReason, @Nullable String lastExplanation,
                            @Nullable String lastBy, @Nullable Instant lastAt) {
    }

    /** Which report, at which version (for bulk actions and the API). */
    public record ReportKey(String regionCode, int year, long version) {
    }

    public record BulkResult(ReportKey report, boolean done, @Nullable String problem) {
    }
}
