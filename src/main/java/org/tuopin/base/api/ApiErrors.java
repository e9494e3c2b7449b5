package org.tuopin.base.api;

import java.beans.PropertyEditorSupport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.tuopin.base.DatabaseUnavailable;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.TuopinI18NProvider;
import org.tuopin.base.UserError;

/**
 * Turns service exceptions into specific API answers with English messages, for every REST controller of every
 * module: 400 bad request, 403 refused, 404 not found or out of scope, 409 stale version, 503 database unavailable.
 * A module adds answers for its own exceptions with an advice of its own (the figures: 422 refused by a rule,
 * 423 locked).
 */
@RestControllerAdvice(annotations = RestController.class)
public class ApiErrors {

    /** The API speaks English; the bundles are the same ones the UI uses. */
    private static final TuopinI18NProvider MESSAGES = new TuopinI18NProvider();

    public static String english(String key, Object... args) {
        return MESSAGES.getTranslation(key, Locale.ENGLISH, args);
    }

    /**
     * Whole numbers in paths and query parameters are ASCII digits only: Java would read full-width or Arabic-Indic
     * digits ("２０２０") as 2020, which no caller should rely on. Anything else is a 400 like any bad parameter.
     */
    @InitBinder
    void strictWholeNumbers(WebDataBinder binder) {
        binder.registerCustomEditor(int.class, new StrictNumberEditor(false, true));
        binder.registerCustomEditor(Integer.class, new StrictNumberEditor(false, false));
        binder.registerCustomEditor(long.class, new StrictNumberEditor(true, true));
        binder.registerCustomEditor(Long.class, new StrictNumberEditor(true, false));
        // "yes", "on", "1" or "true\0" are not a caller's clear word; only true and false are
        PropertyEditorSupport strictBoolean = new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                if (!"true".equals(text) && !"false".equals(text)) {
                    throw new IllegalArgumentException("Not true or false: " + text);
                }
                setValue(Boolean.valueOf(text));
            }
        };
        binder.registerCustomEditor(boolean.class, strictBoolean);
        binder.registerCustomEditor(Boolean.class, strictBoolean);
    }

    private static final class StrictNumberEditor extends PropertyEditorSupport {
        private static final Pattern ASCII_WHOLE = Pattern.compile("-?[0-9]{1,19}");
        private final boolean wide;
        private final boolean primitive;

        StrictNumberEditor(boolean wide, boolean primitive) {
            this.wide = wide;
            this.primitive = primitive;
        }

        @Override
        public void setAsText(String text) {
            if ((text == null || text.isEmpty()) && !primitive) {
                setValue(null);
                return;
            }
            if (text == null || !ASCII_WHOLE.matcher(text).matches()) {
                throw new IllegalArgumentException("Not a whole number in ASCII digits: " + text);
            }
            setValue(wide ? Long.valueOf(text) : Integer.valueOf(text));
        }
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

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, "Parameter '" + e.getName() + "' has an invalid value: '" + e.getValue()
                + "'; " + accepted(e.getRequiredType()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "Parameter '" + e.getParameterName() + "' is required");
    }

    /** What a parameter of this type accepts, in the words a caller can act on. */
    static String accepted(@Nullable Class<?> type) {
        if (type == null) {
            return "see the API documentation";
        }
        if (type.isEnum()) {
            return "use one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "use a whole number in ASCII digits";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "use true or false";
        }
        if (type == LocalDate.class) {
            return "use a date as yyyy-mm-dd, such as 2020-12-31";
        }
        if (type == Instant.class) {
            return "use a UTC time as yyyy-mm-ddThh:mm:ssZ, such as 2020-12-31T00:00:00Z";
        }
        return "use a value of type " + type.getSimpleName();
    }

    /**
     * A refusal a controller raised with its own status and reason (an unknown format, for example), and the errors
     * Spring MVC answers itself (an unsupported media type, a method not allowed): JSON with the reason, never the
     * servlet container's error page, whose dispatch would pass through the UI's filter chain.
     */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<Map<String, Object>> refused(ErrorResponseException e) {
        String reason = e instanceof ResponseStatusException r && r.getReason() != null ? r.getReason()
                : e.getBody().getDetail() != null ? e.getBody().getDetail() : e.getStatusCode().toString();
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders()).body(Map.of("error", reason));
    }

    @ExceptionHandler({HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class,
            HttpRequestMethodNotSupportedException.class, ServletRequestBindingException.class})
    ResponseEntity<Map<String, Object>> mvcRefused(Exception e) {
        ErrorResponse response = (ErrorResponse) e;
        String detail = response.getBody().getDetail();
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .body(Map.of("error", detail == null ? response.getStatusCode().toString() : detail));
    }

    /** The database is down or unreachable: 503, and the caller may try again; a refused statement is not this. */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ResponseEntity<Map<String, Object>> databaseUnavailable(RuntimeException e) {
        if (DatabaseUnavailable.busy(e)) {
            // up but overloaded: a shorter wait before the retry, and a message that does not say "down"
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .body(Map.of("error", english("error.busy.text")));
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30")
                .body(Map.of("error", english("error.databaseUnavailable.text")));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape");
    }
}
