package org.tuopin.security;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tuopin.base.DatabaseUnavailable;

/**
 * The last word of the REST API on a failure nothing else answered, for example the database going away while
 * the caller's account is read: 503 when the database cannot be reached, 500 with a reference otherwise, always
 * JSON. Without it the servlet container's error dispatch would pass through the UI's filter chain and answer
 * with a redirect to the login page.
 */
final class ApiFailureFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiFailureFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            response.setContentType("application/json");
            if (DatabaseUnavailable.busy(e)) {
                LOG.warn("Database connections busy during {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                response.setHeader("Retry-After", "5");
                response.getWriter().write("{\"error\":\"The server is busy. Please try again in a few seconds; nothing "
                        + "was saved.\"}");
                return;
            }
            if (DatabaseUnavailable.causedBy(e)) {
                LOG.warn("Database unavailable during {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                response.setHeader("Retry-After", "30");
                response.getWriter().write("{\"error\":\"The database cannot be reached at the moment. Please try again "
                        + "in a minute; nothing saved before is lost.\"}");
                return;
            }
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("Unexpected failure during {} {}, reference {}", request.getMethod(), request.getRequestURI(),
                    reference, e);
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            response.getWriter().write("{\"error\":\"Unexpected failure; nothing was saved. Reference " + reference
                    + "\"}");
        }
    }
}
