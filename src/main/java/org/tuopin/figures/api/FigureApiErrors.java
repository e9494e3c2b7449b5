package org.tuopin.figures.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.tuopin.base.api.ApiErrors;
import org.tuopin.figures.ReportLocked;
import org.tuopin.figures.RuleViolation;
import org.tuopin.figures.rules.Finding;

/**
 * The API's answers to the figures' own refusals, next to the general ones of {@link ApiErrors}: 422 with the
 * findings when the rules refuse a report, 423 when its year or state locks it. Ordered first so that these answers
 * stand even if a general handler should one day match a superclass.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class FigureApiErrors {

    /** A rule's finding as the API shows it, with its message in English. */
    static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.ruleId());
        m.put("severity", f.severity().name());
        m.put("fields", f.fields());
        m.put("message", ApiErrors.english(f.messageKey(), f.args().stream().map(a -> a instanceof BigDecimal b
                ? b.stripTrailingZeros().toPlainString() : String.valueOf(a)).toArray()));
        return m;
    }

    @ExceptionHandler(ReportLocked.class)
    ResponseEntity<Map<String, Object>> locked(ReportLocked e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ApiErrors.english(e.messageKey()));
        return ResponseEntity.status(HttpStatus.LOCKED).body(body);
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Map<String, Object>> rules(RuleViolation e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ApiErrors.english(e.explanationMissing() ? "report.error.explanationRequired"
                : "report.error.rules"));
        List<Map<String, Object>> findings = e.findings().stream().map(FigureApiErrors::finding).toList();
        body.put("findings", findings);
        return ResponseEntity.unprocessableEntity().body(body);
    }
}
