package org.tuopin.figures;

import org.jspecify.annotations.Nullable;
import org.tuopin.region.Designation;

/**
 * What a user narrowed the figures to. Every field is optional; the caller's scope always applies on top.
 *
 * @param regionCode  a region (its values and those of every region below it) or a group (its own values)
 * @param designation regions with this designation; groups are left out when it is set
 */
public record FigureFilter(@Nullable Integer year, @Nullable String regionCode, @Nullable Designation designation) {

    public static FigureFilter none() {
        return new FigureFilter(null, null, null);
    }
}
