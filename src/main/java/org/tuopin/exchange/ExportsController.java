package org.tuopin.exchange;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditQueryService;
import org.tuopin.audit.AuditQueryService.AuditFilter;
import org.tuopin.audit.AuditVerification;
import org.tuopin.dispatch.DispatchCountService;
import org.tuopin.dispatch.DispatchCountService.DispatchCount;
import org.tuopin.dispatch.DispatchRole;
import org.tuopin.dispatch.DispatchService;
import org.tuopin.dispatch.OfficialRank;
import org.tuopin.dispatch.PostingFilter;
import org.tuopin.exchange.FigureExports.WideRow;
import org.tuopin.exchange.TableExport.Column;
import org.tuopin.figures.FigureFilter;
import org.tuopin.figures.FigureQueryService;
import org.tuopin.pairing.DonorType;
import org.tuopin.pairing.PairingFilter;
import org.tuopin.pairing.PairingService;

/**
 * Exports for scripts, all in the caller's scope and all recorded in the audit trail. CSV is RFC 4180,
 * UTF-8 ({@code bom=true} adds the byte-order mark Excel wants); XLSX is written by a streaming writer.
 */
@RestController
@RequestMapping("/api/v1")
class ExportsController {

    private final FigureQueryService figures;
    private final DispatchCountService dispatches;
    private final PairingService pairings;
    private final AuditQueryService audit;
    private final AuditVerification verification;
    private final ExportService exports;
    private final DispatchService roster;

    ExportsController(FigureQueryService figures, DispatchCountService dispatches, PairingService pairings,
                      AuditQueryService audit, AuditVerification verification, ExportService exports,
                      DispatchService roster) {
        this.roster = roster;
        this.figures = figures;
        this.dispatches = dispatches;
        this.pairings = pairings;
        this.audit = audit;
        this.verification = verification;
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
        start(response, name, xlsx);
        AuditedExport.stream(exports, "figures-" + format, xlsx ? "xlsx" : "csv", "year=" + year + ", region=" + region,
                response.getOutputStream(), (out, counter) -> {
                    if ("long".equals(format)) {
                        var columns = FigureExports.longFormat(FigureExports.MACHINE_NAMES, false);
                        TableExport.RowSource<org.tuopin.figures.FigureRow> rows =
                                AuditedExport.counted(s -> figures.stream(filter, s), counter);
                        return xlsx ? TableExport.xlsx(out, "figures", columns, rows)
                                : TableExport.csv(out, bom, columns, rows);
                    }
                    List<Column<WideRow>> columns = FigureExports.wideFormat(FigureExports.MACHINE_NAMES);
                    TableExport.RowSource<WideRow> wide = AuditedExport.counted(sink -> {
                        List<Runnable> finish = new ArrayList<>();
                        figures.stream(filter, FigureExports.widen(sink, finish));
                        finish.forEach(Runnable::run);
                    }, counter);
                    return xlsx ? TableExport.xlsx(out, "figures", columns, wide) : TableExport.csv(out, bom, columns, wide);
                });
    }

    /** The published aggregate counts of the reference data (until the roster existed, at /dispatches.csv). */
    @GetMapping("/dispatch-counts.csv")
    void dispatchCountsCsv(@RequestParam(defaultValue = "false") boolean bom, HttpServletResponse response)
            throws IOException {
        start(response, "dispatch-counts.csv", false);
        List<Column<DispatchCount>> columns = List.of(new Column<>("region_code", DispatchCount::regionCode),
                new Column<>("year", DispatchCount::year), new Column<>("sending_body", DispatchCount::sendingBody),
                new Column<>("role", DispatchCount::role), new Column<>("rank", DispatchCount::rank),
                new Column<>("count", DispatchCount::count), new Column<>("source", DispatchCount::source),
                new Column<>("note", DispatchCount::note));
        AuditedExport.stream(exports, "dispatch-counts", "csv", "", response.getOutputStream(), (out, counter) ->
                TableExport.csv(out, bom, columns, AuditedExport.counted(dispatches::stream, counter)));
    }

    /** The roster of officials dispatched, with the grid's filters, every column of each posting. */
    @GetMapping("/dispatches.csv")
    void dispatchesCsv(@RequestParam(required = false) String region, @RequestParam(required = false) DispatchRole role,
                       @RequestParam(required = false) OfficialRank rank,
                       @RequestParam(required = false) String organisation,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate servingOn,
                       @RequestParam(defaultValue = "false") boolean bom, HttpServletResponse response)
            throws IOException {
        PostingFilter filter = new PostingFilter(region, role, rank, organisation, servingOn);
        // fail before the first byte: an unknown or out-of-scope region is a 404, not an empty file
        roster.count(filter);
        start(response, "dispatches.csv", false);
        AuditedExport.stream(exports, "dispatches", "csv", filter.toString(), response.getOutputStream(), (out, counter) ->
                TableExport.csv(out, bom, DispatchExports.roster(FigureExports.MACHINE_NAMES),
                        AuditedExport.counted(s -> roster.stream(filter, s), counter)));
    }

    /** Every column of the pairing records in scope, narrowed by the grid's filters. */
    @GetMapping("/pairings.csv")
    void pairingsCsv(@RequestParam(required = false) String recipient,
                     @RequestParam(required = false) DonorType donorType, @RequestParam(required = false) Integer year,
                     @RequestParam(defaultValue = "false") boolean bom, HttpServletResponse response) throws IOException {
        PairingFilter filter = new PairingFilter(recipient == null || recipient.isBlank() ? null : recipient.trim(),
                donorType, year);
        // fail before the first byte: an unknown or out-of-scope recipient is a 404, not an empty file
        pairings.count(filter);
        start(response, "pairings.csv", false);
        AuditedExport.stream(exports, "pairings", "csv", filter.toString(), response.getOutputStream(), (out, counter) ->
                TableExport.csv(out, bom, PairingExports.columns(FigureExports.MACHINE_NAMES),
                        AuditedExport.counted(sink -> pairings.stream(filter, sink), counter)));
    }

    @GetMapping("/audit.csv")
    void auditCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                  @RequestParam(required = false) String account, @RequestParam(required = false) String region,
                  @RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
                  @RequestParam(required = false) AuditAction action, @RequestParam(defaultValue = "false") boolean bom,
                  HttpServletResponse response) throws IOException {
        AuditFilter filter = new AuditFilter(from, to, account, region, entityType, entityId, action);
        start(response, "audit.csv", false);
        AuditedExport.stream(exports, "audit", "csv", filter.toString(), response.getOutputStream(), (out, counter) ->
                TableExport.csv(out, bom, FigureExports.audit(FigureExports.MACHINE_NAMES),
                        AuditedExport.counted(s -> audit.stream(filter, s), counter)));
    }

    @GetMapping("/audit/verify")
    Map<String, Object> verify() {
        AuditVerification.Result result = verification.verify();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intact", result.intact());
        body.put("entries", result.entries());
        if (!result.intact()) {
            body.put("firstBrokenEntry", result.firstBadSeq());
            body.put("problem", result.problem());
        }
        if (result.checkpoint() != null) {
            body.put("checkpoint", result.checkpoint().line());
        }
        return body;
    }

    private static void start(HttpServletResponse response, String fileName, boolean xlsx) {
        response.setContentType(xlsx ? TableExport.XLSX_TYPE : TableExport.CSV_TYPE);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }
}
