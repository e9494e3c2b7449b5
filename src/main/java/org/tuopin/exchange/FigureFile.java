package org.tuopin.exchange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.tuopin.exchange.FigureImportService.Format;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ValueKind;

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

    static List<Line> read(byte[] bytes, Format format, ImportProblems problems) {
        if (bytes.length > FigureImportService.MAX_BYTES) {
            problems.file("import.problem.tooLarge");
            return List.of();
        }
        if (bytes.length == 0) {
            problems.file("import.problem.empty");
            return List.of();
        }
        List<List<String>> table = format == Format.XLSX ? xlsx(bytes, problems) : csv(bytes, problems);
        // null: the file could not be read to its end, and the problem says where or why
        return table == null ? List.of() : lines(table, format == Format.CSV, problems);
    }

    // ----- CSV

    private static @Nullable List<List<String>> csv(byte[] bytes, ImportProblems problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.file("import.problem.encoding");
            return null;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        // a lone CR (old Mac line ends) would otherwise be read as a line break by some tools and not by others
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                problems.file("import.problem.lineEndings");
                return null;
            }
        }
        List<List<String>> table = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
        try (CSVParser parser = format.parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                if (table.size() > FigureImportService.MAX_ROWS) {
                    problems.file("import.problem.tooManyRows", String.format(Locale.ROOT, "%,d",
                            FigureImportService.MAX_ROWS));
                    return null;
                }
                table.add(record.toList());
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // an unclosed quote and the like: say where reading stopped
            problems.add(table.size() + 1, null, "import.problem.csvSyntax");
            return null;
        }
        return table;
    }

    // ----- XLSX

    private static @Nullable List<List<String>> xlsx(byte[] bytes, ImportProblems problems) {
        List<List<String>> table = new ArrayList<>();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            if (workbook.getNumberOfSheets() == 0) {
                problems.file("import.problem.empty");
                return null;
            }
            Sheet sheet = workbook.getSheetAt(0);
            if (sheet.getLastRowNum() > FigureImportService.MAX_ROWS) {
                problems.file("import.problem.tooManyRows", String.format(Locale.ROOT, "%,d",
                        FigureImportService.MAX_ROWS));
                return null;
            }
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
                        cells.add(text(row.getCell(c)));
                    }
                }
                table.add(cells);
            }
        } catch (IOException | RuntimeException e) {
            // not a zip, an old .xls, a damaged or oversized workbook: POI throws many kinds, all mean "unreadable"
            problems.file("import.problem.notXlsx");
            return null;
        }
        return table;
    }

    private static String text(@Nullable Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            // Excel's own shortest text for the double: 82490000 rather than 8.249E7
            case NUMERIC -> NumberToTextConverter.toText(cell.getNumericCellValue());
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            default -> "";
        };
    }

    // ----- rows

    private static List<Line> lines(List<List<String>> table, boolean csv, ImportProblems problems) {
        if (table.isEmpty() || table.getFirst().stream().allMatch(String::isBlank)) {
            problems.file("import.problem.header", String.join(",", COLUMNS));
            return List.of();
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> header = table.getFirst();
        for (int i = 0; i < header.size(); i++) {
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
            problems.file("import.problem.header", String.join(",", COLUMNS));
            return List.of();
        }
        if (table.stream().skip(1).allMatch(row -> row.stream().allMatch(String::isBlank))) {
            // a header alone: most likely the wrong file, or one saved before it was filled in
            problems.file("import.problem.noRows");
            return List.of();
        }
        List<Line> lines = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int r = 1; r < table.size(); r++) {
            // a CSV row with more or fewer cells than the header has shifted columns; XLSX leaves trailing cells out
            List<String> raw = table.get(r);
            boolean blank = raw.stream().allMatch(String::isBlank);
            if (csv && !blank && raw.size() != header.size()) {
                problems.add(r + 1, null, "import.problem.columns", String.valueOf(raw.size()),
                        String.valueOf(header.size()));
                continue;
            }
            if (!csv && raw.size() > header.size() && raw.subList(header.size(), raw.size()).stream()
                    .anyMatch(cell -> !cell.isBlank())) {
                problems.add(r + 1, null, "import.problem.columns", String.valueOf(raw.size()),
                        String.valueOf(header.size()));
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (String column : COLUMNS) {
                Integer i = index.get(column);
                List<String> row = table.get(r);
                cells.put(column, i == null || i >= row.size() || row.get(i) == null ? "" : row.get(i).strip());
            }
            Line line = line(new RawRow(r + 1, cells), problems);
            if (line != null) {
                String key = line.regionCode() + "/" + line.year() + "/" + line.metric().code() + "/" + line.kind().code();
                Integer first = seen.putIfAbsent(key, line.row());
                if (first != null) {
                    problems.add(line.row(), "metric", "import.problem.duplicate", String.valueOf(first));
                    continue;
                }
                lines.add(line);
            }
        }
        return lines;
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
