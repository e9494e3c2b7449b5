package org.tuopin.dispatch;

import java.util.Map;

/** Postings of the filtered roster, counted in all, by role and by rank (exact counts, never estimates). */
public record DispatchTotals(long total, Map<DispatchRole, Long> byRole, Map<OfficialRank, Long> byRank) {

    public long role(DispatchRole role) {
        return byRole.getOrDefault(role, 0L);
    }

    public long rank(OfficialRank rank) {
        return byRank.getOrDefault(rank, 0L);
    }
}
