package org.tuopin.exchange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.TuopinI18NProvider;
import org.tuopin.base.UserError;
import org.tuopin.figures.ReportLocked;
import org.tuopin.figures.RuleViolation;
import org.tuopin.figures.rules.Finding;

/**
 * Turns service exceptions into specific API answers with English messages: 400 bad request, 403 refused,
 * 404 not found or out of scope, 409 stale version, 422 refused by a rule, 423 locked.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    /** The API speaks English; the bundles are the same ones the UI uses. */
    private static final TuopinI18NProvider MESSAGES = new TuopinI18NProvider();

    static String english(String key, Object... args) {
        return MESSAGES.getTranslation(key, Locale.ENGLISH, args);
    }

    static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.ruleId());
        m.put("severity", f.severity().name());
        m.put("fields", f.fields());
        m.put("message", english(f.messageKey(), f.args().stream().map(a -> a instanceof java.math.BigDecimal b
                ? b.stripTrailingZeros().toPlainString() : String.valueOf(a)).toArray()));
        return m;
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return ResponseEntity.status(status).body(body);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, english("error.notFound", e.what()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e) {
        return error(HttpStatus.FORBIDDEN, english("error.forbidden"));
    }

    @ExceptionHandler(UserError.class)
    ResponseEntity<Map<String, Object>> userError(UserError e) {
        return error(HttpStatus.BAD_REQUEST, english(e.messageKey(), e.args()));
    }

    @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
    ResponseEntity<Map<String, Object>> stale(ObjectOptimisticLockingFailureException e) {
        return error(HttpStatus.CONFLICT, english("report.error.stale"));
    }

    @ExceptionHandler(ReportLocked.class)
    ResponseEntity<Map<String, Object>> locked(ReportLocked e) {
        return error(HttpStatus.LOCKED, english(e.messageKey()));
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Map<String, Object>> rules(RuleViolation e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", english(e.explanationMissing() ? "report.error.explanationRequired" : "report.error.rules"));
        List<Map<String, Object>> findings = e.findings().stream().map(ApiErrors::finding).toList();
        body.put("findings", findings);
        return ResponseEntity.unprocessableEntity().body(body);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, "Parameter '" + e.getName() + "' has an invalid value: '" + e.getValue() + "'");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "Parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape");
    }
}
