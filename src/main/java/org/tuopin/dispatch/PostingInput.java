package org.tuopin.dispatch;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** What the form (or a caller) fills in for a posting; the service trims, checks and normalises it. */
public record PostingInput(@Nullable String officialNo, @Nullable String name, @Nullable OfficialRank rank,
                           @Nullable String sendingOrganisation, @Nullable DispatchRole role,
                           @Nullable String regionCode, @Nullable String village, @Nullable LocalDate startDate,
                           @Nullable LocalDate endDate, boolean bilingual, @Nullable String note) {
}
