package org.tuopin.figures.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.tuopin.base.export.AuditedExport;
import org.tuopin.base.export.ExportService;
import org.tuopin.base.export.TableExport;
import org.tuopin.base.export.TableExport.Column;
import org.tuopin.figures.FigureExports;
import org.tuopin.figures.FigureExports.WideRow;
import org.tuopin.figures.FigureFilter;
import org.tuopin.figures.FigureQueryService;
import org.tuopin.figures.FigureRow;

/**
 * The yearly figures for scripts, in the caller's scope and recorded in the audit trail, long (the columns of
 * {@code yearly-figures.csv}) or wide (one row per region and year). CSV is RFC 4180, UTF-8 ({@code bom=true} adds
 * the byte-order mark Excel wants); XLSX is written by a streaming writer.
 */
@RestController
@RequestMapping("/api/v1")
class FigureExportsController {

    private final FigureQueryService figures;
    private final ExportService exports;

    FigureExportsController(FigureQueryService figures, ExportService exports) {
        this.figures = figures;
        this.exports = exports;
    }

    @GetMapping("/figures.csv")
    void figuresCsv(@RequestParam(defaultValue = "long") String format, @RequestParam(required = false) Integer year,
                    @RequestParam(required = false) String region, @RequestParam(defaultValue = "false") boolean bom,
                    HttpServletResponse response) throws IOException {
        figures(format, year, region, false, bom, response);
    }

    @GetMapping("/figures.xlsx")
    void figuresXlsx(@RequestParam(defaultValue = "long") String format, @RequestParam(required = false) Integer year,
                     @RequestParam(required = false) String region, HttpServletResponse response) throws IOException {
        figures(format, year, region, true, false, response);
    }

    private void figures(String format, @Nullable Integer year, @Nullable String region, boolean xlsx, boolean bom,
                         HttpServletResponse response) throws IOException {
        if (!"long".equals(format) && !"wide".equals(format)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Unknown format '" + format + "': use format=long or format=wide");
        }
        FigureFilter filter = new FigureFilter(year, region == null || region.isBlank() ? null : region.trim(), null);
        // fail before the first byte: an unknown or out-of-scope region is a 404, not an empty file
        figures.count(filter);
        String name = "figures-" + format + (xlsx ? ".xlsx" : ".csv");
        TableExport.attach(response, name, xlsx);
        AuditedExport.stream(exports, "figures-" + format, xlsx ? "xlsx" : "csv", "year=" + year + ", region=" + region,
                response.getOutputStream(), (out, counter) -> {
                    if ("long".equals(format)) {
                        var columns = FigureExports.longFormat(TableExport.MACHINE_NAMES, false);
                        TableExport.RowSource<FigureRow> rows =
                                AuditedExport.counted(s -> figures.stream(filter, s), counter);
                        return xlsx ? TableExport.xlsx(out, "figures", columns, rows)
                                : TableExport.csv(out, bom, columns, rows);
                    }
                    List<Column<WideRow>> columns = FigureExports.wideFormat(TableExport.MACHINE_NAMES);
                    TableExport.RowSource<WideRow> wide = AuditedExport.counted(sink -> {
                        List<Runnable> finish = new ArrayList<>();
                        figures.stream(filter, FigureExports.widen(sink, finish));
                        finish.forEach(Runnable::run);
                    }, counter);
                    return xlsx ? TableExport.xlsx(out, "figures", columns, wide) : TableExport.csv(out, bom, columns, wide);
                });
    }
}
