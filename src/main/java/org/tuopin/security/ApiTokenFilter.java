package org.tuopin.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <personal API token>} on the API (DD021). A valid token signs the request in as its
 * account, with the account's role, for this request only; every use is audited as the account. A token that is
 * unknown, expired or revoked, or whose account is disabled or locked, is answered 401; one whose account must set up
 * its second factor first, 403. Requests without a bearer token pass on to HTTP Basic.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

    static final String INVALID = "The API token is not valid: it is unknown, expired or revoked, or its account "
            + "cannot sign in at the moment.";

    private final ApiTokenService tokens;
    private final UserDetailsService users;

    ApiTokenFilter(ApiTokenService tokens, UserDetailsService users) {
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        switch (tokens.check(header.substring(7).strip())) {
            case ApiTokenService.Check.Valid valid -> {
                UserDetails user = users.loadUserByUsername(valid.username());
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                        user.getAuthorities()));
                SecurityContextHolder.setContext(context);
                tokens.recordUse(valid, request.getMethod(), request.getRequestURI(), request.getRemoteAddr());
                chain.doFilter(request, response);
            }
            case ApiTokenService.Check.SetUpSecondFactorFirst refused ->
                    write(response, 403, PasswordAloneRefused.SET_UP_FIRST);
            case ApiTokenService.Check.Invalid refused -> {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"Tuopin\", error=\"invalid_token\"");
                write(response, 401, INVALID);
            }
        }
    }

    private static void write(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + error.replace("\"", "\\\"") + "\"}");
    }
}
