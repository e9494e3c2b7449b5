package org.tuopin.dashboard.ui;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.tuopin.dashboard.ChartData;
import org.tuopin.figures.Unit;

/**
 * Turns {@link ChartData} into an ECharts option: plain data, no functions, so it travels as JSON. Money is
 * drawn in units of RMB 100 million (亿元), the unit Chinese readers use for budgets; the table beside the
 * chart keeps the exact amounts.
 */
final class ChartOptions {

    /** Lines over years; bars over years or roles; horizontal bars for regions, whose long names read across. */
    enum Shape {
        BAR, HBAR, LINE
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final BigDecimal HUNDRED_MILLION = new BigDecimal("100000000");

    private ChartOptions() {
    }

    /** The value as the chart draws it (money in RMB 100 million). */
    static BigDecimal drawn(BigDecimal value, ChartData data) {
        return data.unit() == Unit.RMB ? value.divide(HUNDRED_MILLION, MathContext.DECIMAL64).stripTrailingZeros()
                : value.stripTrailingZeros();
    }

    static ObjectNode option(ChartData data, Shape shape, String axisName, String description, Locale locale,
                             Function<String, String> translate) {
        ObjectNode option = JSON.createObjectNode();
        option.putObject("aria").put("enabled", true).putObject("label").put("description", description);
        option.put("animationDuration", 400);
        option.putObject("tooltip").put("trigger", shape == Shape.LINE ? "axis" : "item");
        ObjectNode legend = option.putObject("legend").put("type", "scroll").put("top", 0);
        ObjectNode selected = legend.putObject("selected");
        option.putObject("grid").put("left", 12).put("right", 24).put("bottom", shape == Shape.HBAR ? 32 : 8)
                .put("top", 48).put("containLabel", true);
        boolean horizontal = shape == Shape.HBAR;
        ObjectNode categoryAxis = option.putObject(horizontal ? "yAxis" : "xAxis").put("type", "category");
        ArrayNode categories = categoryAxis.putArray("data");
        data.categories().forEach(c -> categories.add(c.label().in(locale, translate)));
        categoryAxis.putObject("axisLabel").put("interval", 0).put("hideOverlap", !horizontal)
                .put("rotate", !horizontal && data.categories().size() > 3 && shape == Shape.BAR ? 30 : 0);
        if (horizontal) {
            // the first region on top, as in the table
            categoryAxis.put("inverse", true);
        }
        ObjectNode valueAxis = option.putObject(horizontal ? "xAxis" : "yAxis").put("type", "value")
                .put("name", axisName);
        valueAxis.putObject("axisLabel").put("hideOverlap", true);
        if (horizontal) {
            valueAxis.put("nameLocation", "middle").put("nameGap", 28);
        } else {
            valueAxis.putObject("nameTextStyle").put("align", "left");
        }
        ArrayNode series = option.putArray("series");
        for (ChartData.Series s : data.series()) {
            String name = s.label().in(locale, translate);
            ObjectNode node = series.addObject().put("name", name).put("id", s.code())
                    .put("type", shape == Shape.LINE ? "line" : "bar");
            if (horizontal) {
                node.put("barMaxWidth", 28);
            }
            if (s.stack() != null) {
                node.put("stack", s.stack());
            }
            if (shape == Shape.LINE) {
                node.put("connectNulls", true).put("symbolSize", 8);
            }
            node.putObject("emphasis").put("focus", "series");
            node.put("cursor", "pointer");
            ArrayNode values = node.putArray("data");
            for (BigDecimal v : s.values()) {
                if (v == null) {
                    values.addNull();
                } else {
                    values.add(drawn(v, data));
                }
            }
            selected.put(name, s.shownAtFirst());
        }
        return option;
    }
}
