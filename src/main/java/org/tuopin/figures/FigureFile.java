package org.tuopin.figures;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.tuopin.base.imports.Cells;
import org.tuopin.base.imports.CsvReader;
import org.tuopin.base.imports.ImportLimits;
import org.tuopin.base.imports.ImportProblems;
import org.tuopin.base.imports.ImportRefused;
import org.tuopin.base.imports.RowSink;
import org.tuopin.base.imports.WorkbookReader;
import org.tuopin.figures.FigureImportService.Format;

/**
 * Reads a file in the long format of {@code yearly-figures.csv} (CSV or XLSX) into checked lines. Everything
 * that can be judged from the file alone is judged here; what needs the database is left to the report
 * service. Row numbers are the spreadsheet's: the header is row 1.
 */
final class FigureFile {

    static final List<String> COLUMNS = List.of(FigureExports.LONG_COLUMNS);
    /** Without these a row means nothing; kind (empty = actual), source and note may be left out. */
    static final List<String> REQUIRED = List.of("region_code", "year", "metric", "value", "unit");
    static final int SOURCE_MAX = 300;
    static final int NOTE_MAX = 1000;

    // digits with an optional decimal point; no thousands separators, no exponents, so "1,000" is refused
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    /** One value row that passed the file checks. */
    record Line(int row, String regionCode, int year, Metric metric, ValueKind kind, BigDecimal value,
                @Nullable String source, @Nullable String note) {
    }

    /** A row as read: its number and its cells by column name. */
    private record RawRow(int row, Map<String, String> cells) {
    }

    private FigureFile() {
    }

    static List<Line> read(byte[] bytes, Format format, ImportLimits limits, ImportProblems problems) {
        if (bytes.length > limits.maxBytes()) {
            problems.file("import.problem.tooLarge", limits.maxMegabytes());
            return List.of();
        }
        if (bytes.length == 0) {
            problems.file("import.problem.empty");
            return List.of();
        }
        Rows rows = new Rows(format == Format.CSV, problems);
        try {
            if (format == Format.XLSX) {
                WorkbookReader.read(bytes, limits, rows);
            } else {
                CsvReader.read(bytes, limits, rows);
            }
        } catch (ImportRefused refused) {
            // the file as a whole: what its first rows showed no longer matters
            problems.refuseFile(refused.row(), refused.messageKey(), refused.args());
            return List.of();
        }
        return rows.finish();
    }

    /**
     * Judges rows one at a time as the reader hands them over, so that a file is never held as a table: the first row
     * is the header, every later row becomes a checked line or problems of its own.
     */
    static final class Rows implements RowSink {

        private final boolean csv;
        private final ImportProblems problems;
        private final List<Line> lines = new ArrayList<>();
        private final Map<String, Integer> seen = new HashMap<>();
        private final Map<String, Integer> index = new HashMap<>();
        private int headerWidth = -1;
        private boolean headerRefused;
        private boolean anyValueRow;

        Rows(boolean csv, ImportProblems problems) {
            this.csv = csv;
            this.problems = problems;
        }

        @Override
        public void row(int number, Cells raw) {
            if (headerRefused) {
                return;
            }
            if (headerWidth < 0) {
                header(raw);
                return;
            }
            // a CSV row with more or fewer cells than the header has shifted columns; XLSX leaves trailing cells out
            boolean blank = raw.blankFrom(0);
            if (!blank) {
                anyValueRow = true;
            }
            if (csv && !blank && raw.width() != headerWidth) {
                problems.add(number, null, "import.problem.columns", String.valueOf(raw.width()),
                        String.valueOf(headerWidth));
                return;
            }
            if (!csv && raw.width() > headerWidth && !raw.blankFrom(headerWidth)) {
                problems.add(number, null, "import.problem.columns", String.valueOf(raw.width()),
                        String.valueOf(headerWidth));
                return;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (String column : COLUMNS) {
                Integer i = index.get(column);
                cells.put(column, i == null ? "" : raw.get(i).strip());
            }
            Line line = line(new RawRow(number, cells), problems);
            if (line != null) {
                String key = line.regionCode() + "/" + line.year() + "/" + line.metric().code() + "/" + line.kind().code();
                Integer first = seen.putIfAbsent(key, line.row());
                if (first != null) {
                    problems.add(line.row(), "metric", "import.problem.duplicate", String.valueOf(first));
                    return;
                }
                lines.add(line);
            }
        }

        private void header(Cells header) {
            headerWidth = header.width();
            if (header.blankFrom(0)) {
                refuseHeader();
                return;
            }
            for (int i = 0; i < header.width(); i++) {
                String name = header.get(i).strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                if (!COLUMNS.contains(name) || index.containsKey(name)) {
                    problems.add(1, header.get(i).strip(), "import.problem.column", header.get(i).strip());
                } else {
                    index.put(name, i);
                }
            }
            if (!index.keySet().containsAll(REQUIRED)) {
                refuseHeader();
            }
        }

        private void refuseHeader() {
            problems.file("import.problem.header", String.join(",", COLUMNS));
            headerRefused = true;
        }

        /** The checked lines, once the reader reached the end of the file. */
        List<Line> finish() {
            if (headerWidth < 0) {
                refuseHeader();
            }
            if (headerRefused) {
                return List.of();
            }
            if (!anyValueRow) {
                // a header alone: most likely the wrong file, or one saved before it was filled in
                problems.file("import.problem.noRows");
                return List.of();
            }
            return lines;
        }
    }

    /** Checks one row; null when it has problems or no value (empty means "not reported", not zero). */
    private static @Nullable Line line(RawRow raw, ImportProblems problems) {
        Map<String, String> c = raw.cells();
        int row = raw.row();
        if (c.values().stream().allMatch(String::isEmpty) || c.get("value").isEmpty()) {
            return null;
        }
        boolean ok = true;
        String region = c.get("region_code");
        if (region.isEmpty()) {
            problems.add(row, "region_code", "import.problem.required");
            ok = false;
        }
        Integer year = null;
        if (!YEAR.matcher(c.get("year")).matches()) {
            problems.add(row, "year", c.get("year").isEmpty() ? "import.problem.required" : "import.problem.year",
                    c.get("year"));
            ok = false;
        } else {
            year = Integer.valueOf(c.get("year"));
        }
        Metric metric = Metric.fromCode(c.get("metric")).orElse(null);
        if (metric == null) {
            problems.add(row, "metric", c.get("metric").isEmpty() ? "import.problem.required" : "import.problem.metric",
                    c.get("metric"));
            ok = false;
        } else if (!metric.unit().code().equals(c.get("unit"))) {
            problems.add(row, "unit", "import.problem.unit", metric.code(), metric.unit().code(), c.get("unit"));
            ok = false;
        }
        ValueKind kind = c.get("kind").isEmpty() ? ValueKind.ACTUAL : ValueKind.fromCode(c.get("kind")).orElse(null);
        if (kind == null) {
            problems.add(row, "kind", "import.problem.kind", c.get("kind"));
            ok = false;
        }
        BigDecimal value = null;
        if (!NUMBER.matcher(c.get("value")).matches()) {
            problems.add(row, "value", "import.problem.number", c.get("value"));
            ok = false;
        } else {
            value = new BigDecimal(c.get("value"));
            if (value.signum() < 0) {
                problems.add(row, "value", "import.problem.negative", c.get("value"));
                ok = false;
            }
        }
        if (c.get("source").length() > SOURCE_MAX) {
            problems.add(row, "source", "import.problem.tooLong", String.valueOf(SOURCE_MAX));
            ok = false;
        }
        if (c.get("note").length() > NOTE_MAX) {
            problems.add(row, "note", "import.problem.tooLong", String.valueOf(NOTE_MAX));
            ok = false;
        }
        if (!ok) {
            return null;
        }
        return new Line(row, region, year, metric, kind, value, emptyToNull(c.get("source")), emptyToNull(c.get("note")));
    }

    private static @Nullable String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
