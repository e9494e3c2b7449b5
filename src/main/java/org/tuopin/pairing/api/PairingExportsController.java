package org.tuopin.pairing.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tuopin.base.export.AuditedExport;
import org.tuopin.base.export.ExportService;
import org.tuopin.base.export.TableExport;
import org.tuopin.pairing.DonorType;
import org.tuopin.pairing.PairingExports;
import org.tuopin.pairing.PairingFilter;
import org.tuopin.pairing.PairingService;

/** The pairing records as CSV for scripts (RFC 4180, UTF-8), in the caller's scope and recorded in the audit trail. */
@RestController
@RequestMapping("/api/v1")
class PairingExportsController {

    private final PairingService pairings;
    private final ExportService exports;

    PairingExportsController(PairingService pairings, ExportService exports) {
        this.pairings = pairings;
        this.exports = exports;
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
        TableExport.attach(response, "pairings.csv", false);
        AuditedExport.stream(exports, "pairings", "csv", filter.toString(), response.getOutputStream(), (out, counter) ->
                TableExport.csv(out, bom, PairingExports.columns(TableExport.MACHINE_NAMES),
                        AuditedExport.counted(sink -> pairings.stream(filter, sink), counter)));
    }
}
