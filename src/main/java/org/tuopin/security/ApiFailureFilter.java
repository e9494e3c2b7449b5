package org.tuopin.security;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;
import org.tuopin.base.DatabaseUnavailable;

/**
 * The last word of the REST API on a failure nothing else answered, for example the database going away while
 * the caller's account is read: 503 when the database cannot be reached, 500 with a reference otherwise, always
 * JSON. Without it the servlet container's error dispatch would pass through the UI's filter chain and answer
 * with a redirect to the login page.
 */
final class ApiFailureFilter extends OncePerRequestFilter {

    /**
     * {@code sendError} written as a JSON answer at once: handed to the servlet container it would start an error
     * dispatch, which runs through the UI's filter chain and comes back as a login redirect or an empty 403.
     */
    static final class JsonErrors extends HttpServletResponseWrapper {

        JsonErrors(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            HttpStatus known = HttpStatus.resolve(status);
            sendError(status, known == null ? "Error " + status : known.getReasonPhrase());
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (isCommitted()) {
                throw new IllegalStateException("The response is already committed");
            }
            resetBuffer();
            setStatus(status);
            setContentType("application/json");
            setCharacterEncoding("UTF-8");
            getWriter().write(JsonMapper.shared().writeValueAsString(Map.of("error", message == null || message.isBlank()
                    ? String.valueOf(status) : message)));
            flushBuffer();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ApiFailureFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, new JsonErrors(response));
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
