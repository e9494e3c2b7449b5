package org.tuopin.region;

import org.jspecify.annotations.Nullable;

/** A region as the tree shows it. */
public record RegionNode(long id, String code, RegionLevel level, String nameEn, String nameZh,
                         @Nullable Designation designation, boolean eightProvinces) {
}
