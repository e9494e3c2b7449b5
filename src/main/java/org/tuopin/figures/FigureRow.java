package org.tuopin.figures;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * One reported value as grids, exports and the API see it. {@code regionCode} is a region's GB/T 2260
 * code or a group's code ({@code GROUP:...}).
 */
public record FigureRow(long id, String regionCode, String regionNameEn, String regionNameZh, int year, Metric metric,
                        ValueKind kind, BigDecimal value, Unit unit, @Nullable String source, @Nullable String note,
                        ReportState state) {

    /** The value as written in the CSV files: no trailing zeros, no exponent. */
    public String plainValue() {
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }
}
