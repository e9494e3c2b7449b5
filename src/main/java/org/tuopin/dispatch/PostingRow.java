package org.tuopin.dispatch;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** One posting of the roster as grids, exports and the API see it. */
public record PostingRow(long id, String officialNo, String name, OfficialRank rank, String sendingOrganisation,
                         DispatchRole role, String regionCode, String regionNameEn, String regionNameZh,
                         @Nullable String village, LocalDate startDate, @Nullable LocalDate endDate, boolean bilingual,
                         @Nullable String note, String createdBy, Instant createdAt, String updatedBy,
                         Instant updatedAt, long version) {

    public String regionName(Locale locale) {
        return Locale.CHINESE.getLanguage().equals(locale.getLanguage()) ? regionNameZh : regionNameEn;
    }

    /** True when the posting had started on that day and had not ended before it. */
    public boolean servingOn(LocalDate day) {
        return !startDate.isAfter(day) && (endDate == null || !endDate.isBefore(day));
    }
}
