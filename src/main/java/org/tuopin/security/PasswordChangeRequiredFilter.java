package org.tuopin.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An account signed in with a one-time password may not use the API until its owner has chosen a
 * password of their own in the UI: 403 with the reason.
 */
class PasswordChangeRequiredFilter extends OncePerRequestFilter {

    private final JdbcClient jdbc;

    PasswordChangeRequiredFilter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && jdbc.sql(
                        "select must_change_password from account where username = :u").param("u", auth.getName())
                .query(Boolean.class).optional().orElse(false)) {
            response.setStatus(403);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"Choose a new password in the application before using the API\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
