package org.tuopin.base.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

import org.tuopin.figures.Unit;

/** Numbers as a reader of the given locale expects them: grouping, and decimals only where the unit has them. */
public final class Formats {

    private Formats() {
    }

    public static String number(BigDecimal value, Unit unit, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(0);
        format.setMaximumFractionDigits(unit.scale());
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    public static String withUnit(BigDecimal value, Unit unit, Locale locale, String unitLabel) {
        return number(value, unit, locale) + (unit == Unit.PERCENT ? " %" : " " + unitLabel);
    }
}
