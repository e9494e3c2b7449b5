package org.tuopin.figures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;
import org.tuopin.base.imports.ImportLimits;
import org.tuopin.base.imports.ImportProblem;
import org.tuopin.base.imports.ImportProblems;
import org.tuopin.base.imports.WorkbookReader;
import org.tuopin.figures.FigureFile.Line;
import org.tuopin.figures.ReportModels.DraftImport;
import org.tuopin.figures.ReportModels.ValueInput;
import org.tuopin.figures.rules.Finding;
import org.tuopin.region.RegionRef;
import org.tuopin.region.RegionService;

/**
 * Import of yearly figures in the long format of {@code yearly-figures.csv}, from CSV or XLSX, into DRAFT
 * reports, and the template to fill in. Only local offices enter figures, so only DATA_ENTRY may call it.
 *
 * <p>Every report of the file goes through {@link ReportService#importDrafts}, which runs the checks of
 * {@link ReportService#saveDraft} on each (region, year) in file order, all inside one transaction: a refused
 * report, a locked year or an approved report is a problem of its rows and the whole import rolls back. The dry run walks exactly the same path and always rolls back, so that it meets
 * exactly the checks the import will meet.
 */
@Service
public class FigureImportService {

    public enum Format {
        CSV("text/csv", "csv"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        private final String contentType;
        private final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public String contentType() {
            return contentType;
        }

        public String extension() {
            return extension;
        }

        /** By media type, ignoring parameters such as {@code charset}. */
        public static Optional<Format> forContentType(@Nullable String contentType) {
            if (contentType == null) {
                return Optional.empty();
            }
            String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (f.contentType.equals(type)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }

        public static Optional<Format> forFileName(@Nullable String fileName) {
            String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (name.endsWith("." + f.extension)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * What an import or dry run found. {@code accepted} counts the values that passed (dry run) or were
     * stored (import); an import with problems stores nothing and accepts 0.
     */
    public record Result(int accepted, List<ImportProblem> problems, boolean stored) {
        public boolean clean() {
            return problems.isEmpty();
        }
    }

    private record ReportKey(String regionCode, int year) {
    }

    private final ReportService reports;
    private final RegionService regions;
    private final TransactionTemplate transaction;
    private final ImportLimits limits;

    FigureImportService(ReportService reports, RegionService regions, PlatformTransactionManager transactions,
                        @Value("${tuopin.import.max-bytes:" + ImportLimits.DEFAULT_MAX_BYTES + "B}") DataSize maxBytes,
                        @Value("${tuopin.import.max-rows:" + ImportLimits.DEFAULT_MAX_ROWS + "}") int maxRows,
                        @Value("${tuopin.import.max-cell-chars:" + ImportLimits.DEFAULT_MAX_CELL_CHARS + "}") int maxCellChars,
                        @Value("${tuopin.import.max-inflated-bytes:" + ImportLimits.DEFAULT_MAX_INFLATED_BYTES + "B}")
                        DataSize maxInflatedBytes,
                        @Value("${tuopin.import.min-inflate-ratio:" + ImportLimits.DEFAULT_MIN_INFLATE_RATIO + "}")
                        double minInflateRatio) {
        this.reports = reports;
        this.regions = regions;
        this.limits = new ImportLimits(Math.toIntExact(maxBytes.toBytes()), maxRows, maxCellChars,
                maxInflatedBytes.toBytes(), minInflateRatio);
        WorkbookReader.protect(limits);
        this.transaction = new TransactionTemplate(transactions);
        // its own transaction even inside a caller's: a dry run must leave nothing behind, and JPA has no savepoints
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The limits every file is held to, for the upload and the REST endpoint to refuse what is too large early. */
    public ImportLimits limits() {
        return limits;
    }

    /** A file of the chosen format with one empty actual value per metric for every region in scope. */
    @PreAuthorize("hasRole('DATA_ENTRY')")
    public byte[] template(int year, Format format) {
        List<RegionRef> inScope = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            List<RegionRef> page = regions.search("", false, offset, 500);
            inScope.addAll(page);
            if (page.size() < 500) {
                break;
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (RegionRef region : inScope) {
            for (Metric metric : Metric.values()) {
                rows.add(List.of(region.code(), String.valueOf(year), metric.code(), "", metric.unit().code(),
                        ValueKind.ACTUAL.code(), "", ""));
            }
        }
        return format == Format.XLSX ? xlsxTemplate(rows) : csvTemplate(rows);
    }

    /** Runs every check an import would meet, then rolls back. */
    @PreAuthorize("hasRole('DATA_ENTRY')")
    public Result dryRun(byte[] file, Format format) {
        return run(file, format, true);
    }

    /** Stores the file's values in draft reports, all or nothing. */
    @PreAuthorize("hasRole('DATA_ENTRY')")
    public Result importFigures(byte[] file, Format format) {
        return run(file, format, false);
    }

    private Result run(byte[] file, Format format, boolean dryRun) {
        ImportProblems problems = new ImportProblems();
        List<Line> lines = FigureFile.read(file, format, limits, problems);
        if (problems.hasFileLevel()) {
            return new Result(0, problems.list(), false);
        }
        Map<ReportKey, List<Line>> byReport = new LinkedHashMap<>();
        for (Line line : lines) {
            byReport.computeIfAbsent(new ReportKey(line.regionCode(), line.year()), k -> new ArrayList<>()).add(line);
        }
        List<Map.Entry<ReportKey, List<Line>>> entries = new ArrayList<>(byReport.entrySet());
        Result result = transaction.execute(status -> {
            // every report of the file in one call: read and written in bulk, judged one after the other
            List<DraftImport> drafts = new ArrayList<>();
            List<Integer> draftOf = new ArrayList<>();
            for (var entry : entries) {
                draftOf.add(drafts.size());
                if (takesReports(entry.getKey().year())) {
                    drafts.add(new DraftImport(entry.getKey().regionCode(), entry.getKey().year(),
                            entry.getValue().stream()
                                    .map(l -> new ValueInput(l.metric(), l.kind(), l.value(), l.source(), l.note()))
                                    .toList()));
                }
            }
            List<@Nullable RuntimeException> outcomes = drafts.isEmpty() ? List.of() : reports.importDrafts(drafts);
            int accepted = 0;
            for (int i = 0; i < entries.size(); i++) {
                ReportKey key = entries.get(i).getKey();
                List<Line> reportLines = entries.get(i).getValue();
                if (!takesReports(key.year())) {
                    // four digits, but outside the years that take reports at all
                    reportLines.forEach(l -> problems.add(l.row(), "year", "report.locked.yearClosed"));
                } else {
                    int d = draftOf.get(i);
                    if (d >= outcomes.size()) {
                        break; // the database refused an earlier report: nothing after it was judged
                    }
                    if (!refusal(outcomes.get(d), reportLines, problems)) {
                        break;
                    }
                }
                if (reportLines.stream().noneMatch(l -> problems.hasRow(l.row()))) {
                    accepted += reportLines.size();
                }
            }
            boolean store = !dryRun && problems.isEmpty();
            if (!store) {
                status.setRollbackOnly();
            }
            return new Result(dryRun || store ? accepted : 0, problems.list(), store);
        });
        return result;
    }

    private static boolean takesReports(int year) {
        return year >= 1990 && year <= 2100;
    }

    /**
     * Turns the refusal of one report into problems of its lines. Returns false when the database refused a
     * statement: the transaction is then unusable and checking stopped there.
     */
    private static boolean refusal(@Nullable RuntimeException refused, List<Line> lines, ImportProblems problems) {
        switch (refused) {
            case null -> {
                return true;
            }
            case NotFoundException e ->
                // unknown and out of scope read alike, so that scope cannot be probed
                    lines.forEach(l -> problems.add(l.row(), "region_code", "import.problem.region", l.regionCode()));
            case ReportLocked e -> lines.forEach(l -> problems.add(l.row(), "year", e.messageKey()));
            case RuleViolation e -> {
                for (Finding f : e.findings()) {
                    List<Line> involved = lines.stream().filter(l -> f.fields().contains(l.metric().code())).toList();
                    for (Line l : involved.isEmpty() ? List.of(lines.getFirst()) : involved) {
                        problems.add(l.row(), "value", f.messageKey(), f.args().toArray());
                    }
                }
            }
            case UserError e -> {
                Object[] args = e.args();
                List<Line> involved = lines.stream()
                        .filter(l -> args.length > 0 && l.metric().code().equals(args[0])).toList();
                for (Line l : involved.isEmpty() ? List.of(lines.getFirst()) : involved) {
                    problems.add(l.row(), involved.isEmpty() ? null : "value", e.messageKey(), args);
                }
            }
            case ObjectOptimisticLockingFailureException e ->
                    lines.forEach(l -> problems.add(l.row(), null, "report.error.stale"));
            case DataAccessException e -> {
                problems.add(lines.getFirst().row(), null, "import.problem.database");
                return false;
            }
            default -> throw refused;
        }
        return true;
    }

    private static byte[] csvTemplate(List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            // a byte order mark, so that Excel opens the UTF-8 file with Chinese text intact; the import accepts it
            writer.write('\uFEFF');
            try (CSVPrinter printer = new CSVPrinter(writer,
                    CSVFormat.RFC4180.builder().setHeader(FigureExports.LONG_COLUMNS).get())) {
                for (List<String> row : rows) {
                    printer.printRecord(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] xlsxTemplate(List<List<String>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("figures");
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            // region codes stay text, so that Excel neither drops leading digits nor reformats them
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            sheet.setDefaultColumnStyle(0, text);
            Row header = sheet.createRow(0);
            for (int c = 0; c < FigureFile.COLUMNS.size(); c++) {
                header.createCell(c).setCellValue(FigureFile.COLUMNS.get(c));
                header.getCell(c).setCellStyle(bold);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<String> values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    if (c == 1) {
                        row.createCell(c).setCellValue(Integer.parseInt(values.get(c)));
                    } else if (!values.get(c).isEmpty()) {
                        row.createCell(c).setCellValue(values.get(c));
                    }
                }
                row.getCell(0).setCellStyle(text);
            }
            sheet.createFreezePane(0, 1);
            for (int c = 0; c < FigureFile.COLUMNS.size(); c++) {
                sheet.setColumnWidth(c, (c == 2 ? 22 : 14) * 256);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
