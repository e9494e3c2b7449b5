package org.tuopin.dispatch.api;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tuopin.base.export.AuditedExport;
import org.tuopin.base.export.ExportService;
import org.tuopin.base.export.TableExport;
import org.tuopin.base.export.TableExport.Column;
import org.tuopin.dispatch.DispatchCountService;
import org.tuopin.dispatch.DispatchCountService.DispatchCount;
import org.tuopin.dispatch.DispatchExports;
import org.tuopin.dispatch.DispatchRole;
import org.tuopin.dispatch.DispatchService;
import org.tuopin.dispatch.OfficialRank;
import org.tuopin.dispatch.PostingFilter;

/**
 * The roster of officials dispatched and the published aggregate counts, as CSV for scripts (RFC 4180, UTF-8,
 * {@code bom=true} for Excel), in the caller's scope and recorded in the audit trail.
 */
@RestController
@RequestMapping("/api/v1")
class DispatchExportsController {

    private final DispatchCountService dispatches;
    private final DispatchService roster;
    private final ExportService exports;

    DispatchExportsController(DispatchCountService dispatches, DispatchService roster, ExportService exports) {
        this.dispatches = dispatches;
        this.roster = roster;
        this.exports = exports;
    }

    /** The published aggregate counts of the reference data (until the roster existed, at /dispatches.csv). */
    @GetMapping("/dispatch-counts.csv")
    void dispatchCountsCsv(@RequestParam(defaultValue = "false") boolean bom, HttpServletResponse response)
            throws IOException {
        TableExport.attach(response, "dispatch-counts.csv", false);
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
        TableExport.attach(response, "dispatches.csv", false);
        AuditedExport.stream(exports, "dispatches", "csv", filter.toString(), response.getOutputStream(), (out, counter) ->
                TableExport.csv(out, bom, DispatchExports.roster(TableExport.MACHINE_NAMES),
                        AuditedExport.counted(s -> roster.stream(filter, s), counter)));
    }
}
