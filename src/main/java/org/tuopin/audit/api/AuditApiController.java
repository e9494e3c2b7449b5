package org.tuopin.audit.api;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditExports;
import org.tuopin.audit.AuditQueryService;
import org.tuopin.audit.AuditQueryService.AuditFilter;
import org.tuopin.audit.AuditVerification;
import org.tuopin.base.export.AuditedExport;
import org.tuopin.base.export.ExportService;
import org.tuopin.base.export.TableExport;

/**
 * The audit trail for scripts: its entries as CSV (RFC 4180, UTF-8; the export is itself recorded), and the
 * verification of its hash chain.
 */
@RestController
@RequestMapping("/api/v1")
class AuditApiController {

    private final AuditQueryService audit;
    private final AuditVerification verification;
    private final ExportService exports;

    AuditApiController(AuditQueryService audit, AuditVerification verification, ExportService exports) {
        this.audit = audit;
        this.verification = verification;
        this.exports = exports;
    }

    @GetMapping("/audit.csv")
    void auditCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                  @RequestParam(required = false) String account, @RequestParam(required = false) String region,
                  @RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
                  @RequestParam(required = false) AuditAction action, @RequestParam(defaultValue = "false") boolean bom,
                  HttpServletResponse response) throws IOException {
        AuditFilter filter = new AuditFilter(from, to, account, region, entityType, entityId, action);
        TableExport.attach(response, "audit.csv", false);
        AuditedExport.stream(exports, "audit", "csv", filter.toString(), response.getOutputStream(), (out, counter) ->
                TableExport.csv(out, bom, AuditExports.columns(TableExport.MACHINE_NAMES),
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
}
