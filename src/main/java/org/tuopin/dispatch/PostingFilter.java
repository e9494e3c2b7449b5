package org.tuopin.dispatch;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What a user narrowed the roster to. Every field is optional; the caller's scope always applies on top.
 *
 * @param regionCode   postings in this region or below it
 * @param organisation sending organisations whose name starts with this text, ignoring case
 * @param servingOn    postings that had started on that day and had not ended before it
 */
public record PostingFilter(@Nullable String regionCode, @Nullable DispatchRole role, @Nullable OfficialRank rank,
                            @Nullable String organisation, @Nullable LocalDate servingOn) {

    public static PostingFilter none() {
        return new PostingFilter(null, null, null, null, null);
    }
}
