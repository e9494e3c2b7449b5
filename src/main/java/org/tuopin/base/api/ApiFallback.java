package org.tuopin.base.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Whatever under {@code /api/} or {@code /actuator/} no endpoint answers: 404, or 405 with {@code Allow} when the
 * path exists for other methods, always as JSON. Without it such a request would fall through to the Vaadin servlet
 * and be answered with the application's HTML page.
 */
@RestController
class ApiFallback {

    private final RequestMappingHandlerMapping mappings;

    ApiFallback(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    @RequestMapping({"/api/**", "/actuator/**"})
    ResponseEntity<Map<String, Object>> noSuchEndpoint(HttpServletRequest request) {
        Set<String> allowed = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            if (info.getPathPatternsCondition() == null || info.getPathPatternsCondition().getPatternValues()
                    .contains("/api/**")) {
                continue;
            }
            if (info.getPathPatternsCondition().getMatchingCondition(request) != null) {
                info.getMethodsCondition().getMethods().forEach(m -> allowed.add(m.name()));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (allowed.isEmpty()) {
            body.put("error", "No such endpoint: " + request.getRequestURI());
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body);
        }
        if (allowed.contains(HttpMethod.GET.name())) {
            allowed.add(HttpMethod.HEAD.name());
        }
        body.put("error", "Method " + request.getMethod() + " is not allowed here; use " + String.join(", ", allowed));
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", String.join(", ", allowed))
                .body(body);
    }
}
