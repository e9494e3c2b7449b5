package org.tuopin.exchange;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.tuopin.figures.FigureFilter;
import org.tuopin.figures.FigureQueryService;
import org.tuopin.figures.FigureRow;

/**
 * {@code GET /api/v1/figures.csv?format=long}: one row per reported value, with exactly the columns of
 * the reference file {@code yearly-figures.csv}, for the caller's scope. RFC 4180, UTF-8.
 */
@RestController
@RequestMapping("/api/v1")
class FiguresCsvController {

    static final String[] LONG_COLUMNS = {"region_code", "year", "metric", "value", "unit", "kind", "source", "note"};

    private final FigureQueryService figures;

    FiguresCsvController(FigureQueryService figures) {
        this.figures = figures;
    }

    @GetMapping("/figures.csv")
    void figuresCsv(@RequestParam(defaultValue = "long") String format,
                    @RequestParam(required = false) Integer year,
                    @RequestParam(required = false) String region,
                    HttpServletResponse response) throws IOException {
        if (!"long".equals(format)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown format '" + format + "': use format=long");
        }
        FigureFilter filter = new FigureFilter(year, region == null || region.isBlank() ? null : region.trim(), null);
        // fail before the first byte is written: an unknown or out-of-scope region is a 404, not an empty file
        figures.count(filter);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"figures-long.csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        CSVFormat csv = CSVFormat.RFC4180.builder().setHeader(LONG_COLUMNS).get();
        try (CSVPrinter printer = new CSVPrinter(writer, csv)) {
            figures.stream(filter, row -> print(printer, row));
        }
    }

    private static void print(CSVPrinter printer, FigureRow row) {
        try {
            printer.printRecord(row.regionCode(), row.year(), row.metric().code(), row.plainValue(), row.unit().code(),
                    row.kind().code(), nullToEmpty(row.source()), nullToEmpty(row.note()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
