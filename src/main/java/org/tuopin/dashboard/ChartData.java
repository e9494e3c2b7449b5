package org.tuopin.dashboard;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.tuopin.figures.Unit;

/**
 * The numbers of one chart, independent of language and of drawing: categories along the axis, and per
 * series one value per category ({@code null}: not reported, which is not zero). Views turn it into an
 * ECharts option and into the "show as table" alternative, so both always show the same numbers.
 *
 * @param unit the unit of every value; {@code null} for plain counts (reports, officials)
 */
public record ChartData(List<Category> categories, List<Series> series, @Nullable Unit unit) {

    /**
     * A text that is either a translation key or a region's or group's name in both languages.
     */
    public record Label(@Nullable String messageKey, String nameEn, String nameZh) {

        public static Label key(String messageKey) {
            return new Label(messageKey, messageKey, messageKey);
        }

        public static Label names(String nameEn, String nameZh) {
            return new Label(null, nameEn, nameZh);
        }

        /** A label that reads the same in every language, such as a year. */
        public static Label plain(String text) {
            return new Label(null, text, text);
        }

        public String in(Locale locale, Function<String, String> translate) {
            if (messageKey != null) {
                return translate.apply(messageKey);
            }
            return Locale.CHINESE.getLanguage().equals(locale.getLanguage()) ? nameZh : nameEn;
        }
    }

    /** One place along the axis; {@code code} is what a click drills into (a region code or a year). */
    public record Category(String code, Label label) {
    }

    /**
     * One series. {@code code} names it for drill-down (a metric, a state, a region code); series with the
     * same {@code stack} are drawn on top of each other.
     */
    public record Series(String code, Label label, List<@Nullable BigDecimal> values, @Nullable String stack,
                         boolean shownAtFirst) {

        public Series(String code, Label label, List<@Nullable BigDecimal> values, @Nullable String stack) {
            this(code, label, values, stack, true);
        }
    }

    public boolean isEmpty() {
        return categories.isEmpty() || series.stream().allMatch(s -> s.values().stream().allMatch(v -> v == null));
    }

    public @Nullable BigDecimal value(int series, int category) {
        return this.series.get(series).values().get(category);
    }
}
