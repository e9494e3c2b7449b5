package org.tuopin.dashboard;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.tuopin.access.Scope;

/**
 * Somewhere the dashboard reads officials dispatched from, counted by role and rank inside a scope. Today
 * only the study's published counts ({@link PublishedDispatchCounts}); a roster of individual postings
 * becomes one more bean implementing this, and the chart shows it as a stack of its own beside the
 * published counts rather than adding the two (they may describe the same people).
 */
public interface OfficialsDispatchedSource {

    /** Where the numbers come from, as a translation key (the chart's stack and legend). */
    String labelKey();

    /** Position among the sources in the chart, lowest first. */
    int order();

    /** The legend's name of one rank from this source (sources after the first say which source they are). */
    default String rankLabelKey(String rank) {
        return "dashboard.rank." + rank;
    }

    /** Officials dispatched in the year to the regions and groups in scope, summed by role and rank. */
    List<RoleRankCount> counts(Scope scope, int year);

    /** {@code rank} is null where the source gives none. */
    record RoleRankCount(String role, @Nullable String rank, long count) {
    }
}
