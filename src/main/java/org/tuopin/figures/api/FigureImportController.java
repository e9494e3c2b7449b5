package org.tuopin.figures.api;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tuopin.base.api.ApiErrors;
import org.tuopin.base.imports.ImportLimits;
import org.tuopin.figures.FigureImportService;
import org.tuopin.figures.FigureImportService.Format;
import org.tuopin.base.imports.ImportProblem;
import org.tuopin.figures.FigureImportService.Result;

/**
 * {@code POST /api/v1/figures/import?dryRun=true|false} with a CSV or XLSX file as the body. Answers
 * {@code {"accepted": n, "problems": [{"row": r, "column": "c", "message": "..."}]}}: 200 for a dry run and a
 * stored import, 422 when an import had problems (then nothing is stored), 413 above the size limit
 * ({@code tuopin.import.max-bytes}, 20 MB), 415 for another media type.
 */
@RestController
@RequestMapping("/api/v1/figures")
class FigureImportController {

    private final FigureImportService imports;

    FigureImportController(FigureImportService imports) {
        this.imports = imports;
    }

    @PostMapping("/import")
    ResponseEntity<Map<String, Object>> importFigures(@RequestParam(defaultValue = "true") boolean dryRun,
                                                      HttpServletRequest request) throws IOException {
        Format format = Format.forContentType(request.getContentType()).orElse(null);
        if (format == null) {
            return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiErrors.english("import.error.contentType"));
        }
        // refuse early by the declared length, and never read more than the limit whatever is declared
        ImportLimits limits = imports.limits();
        if (request.getContentLengthLong() > limits.maxBytes()) {
            return error(HttpStatus.CONTENT_TOO_LARGE, ApiErrors.english("import.problem.tooLarge", limits.maxMegabytes()));
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(limits.maxBytes() + 1);
        }
        if (body.length > limits.maxBytes()) {
            return error(HttpStatus.CONTENT_TOO_LARGE, ApiErrors.english("import.problem.tooLarge", limits.maxMegabytes()));
        }
        Result result = dryRun ? imports.dryRun(body, format) : imports.importFigures(body, format);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accepted", result.accepted());
        json.put("problems", result.problems().stream().map(FigureImportController::json).toList());
        return ResponseEntity.status(!dryRun && !result.clean() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK)
                .body(json);
    }

    static Map<String, Object> json(ImportProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("row", p.row());
        m.put("column", p.column());
        Object[] args = p.args().stream().map(a -> a instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString()
                : String.valueOf(a)).toArray();
        m.put("message", ApiErrors.english(p.messageKey(), args));
        return m;
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return ResponseEntity.status(status).body(body);
    }
}
