package org.tuopin.base.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

import org.tuopin.base.Measure;

/**
 * Numbers as a reader of the given locale expects them: grouping, and decimals only where the unit has them. The
 * units are the features' own ({@link Measure}); only their decimals and whether they are percentages matter here.
 */
public final class Formats {

    private Formats() {
    }

    public static String number(BigDecimal value, Measure unit, Locale locale) {
        return decimals(value, unit.scale(), locale);
    }

    private static String decimals(BigDecimal value, int scale, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(0);
        format.setMaximumFractionDigits(scale);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    /**
     * In Chinese, large counts and sums read as 万 (10⁴) and 亿 (10⁸): 3,708,000,000 becomes 37.08亿. Other
     * locales and percentages keep the full number. Callers show the exact value beside it (a tooltip).
     */
    public static String compact(BigDecimal value, Measure unit, Locale locale) {
        if (!"zh".equals(locale.getLanguage()) || unit.isPercentage()) {
            return number(value, unit, locale);
        }
        BigDecimal abs = value.abs();
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(2);
        format.setRoundingMode(RoundingMode.HALF_UP);
        if (abs.compareTo(YI) >= 0) {
            return format.format(value.divide(YI)) + "亿";
        }
        if (abs.compareTo(WAN) >= 0) {
            return format.format(value.divide(WAN)) + "万";
        }
        return number(value, unit, locale);
    }

    private static final BigDecimal WAN = new BigDecimal("10000");
    private static final BigDecimal YI = new BigDecimal("100000000");

    /** A whole count (rows, kilobytes) with the locale's grouping. */
    public static String count(long value, Locale locale) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    public static String withUnit(BigDecimal value, Measure unit, Locale locale, String unitLabel) {
        return number(value, unit, locale) + (unit.isPercentage() ? " %" : " " + unitLabel);
    }

    /**
     * Whole RMB with the reader's grouping (275,000,000), or in units of 10,000 RMB (万元) when {@code inWan}:
     * 27,500. The 万元 form keeps every yuan (up to four decimals), so switching units never rounds money away.
     */
    public static String money(long rmb, Locale locale, boolean inWan) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(0);
        format.setMaximumFractionDigits(inWan ? 4 : 0);
        return format.format(inWan ? BigDecimal.valueOf(rmb).movePointLeft(4) : BigDecimal.valueOf(rmb));
    }

    /** A fraction as a percentage with one decimal: 0.8534 becomes "85.3 %". */
    public static String percent(BigDecimal fraction, Locale locale) {
        return decimals(fraction.movePointRight(2).setScale(1, RoundingMode.HALF_UP), 1, locale) + " %";
    }
}
