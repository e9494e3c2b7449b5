package org.tuopin.figures;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.tuopin.base.export.TableExport.Column;

/**
 * The columns of the figure exports (long and wide). Headers are the stable machine names unless a translator is given, which
 * turns a machine name into the reader's language (the views offer both; the API uses machine names).
 */
public final class FigureExports {

    /** The wide format: one region and year, its values by metric and kind. */
    public record WideRow(String regionCode, String nameEn, String nameZh, int year, String state,
                          Map<String, BigDecimal> values) {
    }

    private FigureExports() {
    }

    /** The columns of the reference file {@code yearly-figures.csv}, in its order: exports and imports use them. */
    static final String[] LONG_COLUMNS = {"region_code", "year", "metric", "value", "unit", "kind", "source", "note"};

    /** Exactly the columns of the reference file {@code yearly-figures.csv}, plus the report state at the end. */
    public static List<Column<FigureRow>> longFormat(UnaryOperator<String> header, boolean withState) {
        List<Column<FigureRow>> columns = new ArrayList<>(List.of(
                new Column<>(header.apply("region_code"), FigureRow::regionCode),
                new Column<>(header.apply("year"), FigureRow::year),
                new Column<>(header.apply("metric"), r -> r.metric().code()),
                new Column<>(header.apply("value"), FigureRow::value),
                new Column<>(header.apply("unit"), r -> r.unit().code()),
                new Column<>(header.apply("kind"), r -> r.kind().code()),
                new Column<>(header.apply("source"), FigureRow::source),
                new Column<>(header.apply("note"), FigureRow::note)));
        if (withState) {
            columns.add(new Column<>(header.apply("state"), r -> r.state().name()));
        }
        return columns;
    }

    /** Column name of one value in the wide format: the metric, with the kind appended unless it is actual. */
    public static String wideName(Metric metric, ValueKind kind) {
        return kind == ValueKind.ACTUAL ? metric.code() : metric.code() + "_" + kind.code();
    }

    public static List<Column<WideRow>> wideFormat(UnaryOperator<String> header) {
        List<Column<WideRow>> columns = new ArrayList<>(List.of(
                new Column<>(header.apply("region_code"), WideRow::regionCode),
                new Column<>(header.apply("name_en"), WideRow::nameEn),
                new Column<>(header.apply("name_zh"), WideRow::nameZh),
                new Column<>(header.apply("year"), WideRow::year),
                new Column<>(header.apply("state"), WideRow::state)));
        for (Metric metric : Metric.values()) {
            for (ValueKind kind : ValueKind.values()) {
                String name = wideName(metric, kind);
                columns.add(new Column<>(header.apply(name), w -> w.values().get(name)));
            }
        }
        return columns;
    }

    /**
     * Folds the long rows (ordered by region and year, as the figures service streams them) into wide rows,
     * one at a time: only the current region and year are held in memory.
     */
    public static Consumer<FigureRow> widen(Consumer<WideRow> sink, List<Runnable> finish) {
        var state = new Object() {
            WideRow current;
        };
        finish.add(() -> {
            if (state.current != null) {
                sink.accept(state.current);
            }
        });
        return row -> {
            if (state.current == null || !state.current.regionCode().equals(row.regionCode())
                    || state.current.year() != row.year()) {
                if (state.current != null) {
                    sink.accept(state.current);
                }
                state.current = new WideRow(row.regionCode(), row.regionNameEn(), row.regionNameZh(), row.year(),
                        row.state().name(), new LinkedHashMap<>());
            }
            state.current.values().put(wideName(row.metric(), row.kind()), row.value());
        };
    }
}
