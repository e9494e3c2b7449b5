package org.tuopin.security;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends an account's UI sessions on every instance, not only on the one whose {@code SessionRegistry} knows them
 * (docs/design-decisions/DD021). {@code account.sessions_valid_from} moves when the sessions must end; a session
 * keeps the value it saw at sign-in, and a request of a session whose value is no longer the account's ends it.
 */
@Component
public class SessionValidity {

    /** The session attribute holding the account's {@code sessions_valid_from} as it was at sign-in. */
    static final String ATTRIBUTE = SessionValidity.class.getName() + ".validFrom";
    /** Where an ended session is sent; the login view says why. */
    public static final String ENDED_URL = "/login?ended";

    private final JdbcClient jdbc;

    SessionValidity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Ends every session of the account, on all instances, at its next request. */
    void endAll(long accountId) {
        move(accountId);
    }

    /**
     * Ends every session of the account but the one of the current request, which takes the new value once the
     * transaction commits (a password change keeps its own session signed in).
     */
    void endAllButCurrent(long accountId) {
        Instant moved = move(accountId);
        HttpSession current = currentSession();
        if (current == null) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            current.setAttribute(ATTRIBUTE, moved);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                current.setAttribute(ATTRIBUTE, moved);
            }
        });
    }

    private Instant move(long accountId) {
        // clock_timestamp, not now(): a value distinct from any one a session may have seen earlier in this transaction
        return jdbc.sql("update account set sessions_valid_from = clock_timestamp() where id = :id"
                        + " returning sessions_valid_from")
                .param("id", accountId).query(OffsetDateTime.class).single().toInstant();
    }

    private Optional<Instant> validFrom(String username) {
        return jdbc.sql("select sessions_valid_from from account where username = :u and enabled")
                .param("u", username).query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
    }

    private static HttpSession currentSession() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getSession(false);
        }
        return null;
    }

    /** Remembers, at sign-in (the password step: the second factor keeps the session), the value the session saw. */
    SessionAuthenticationStrategy atSignIn() {
        return (authentication, request, response) -> validFrom(authentication.getName())
                .ifPresent(validFrom -> request.getSession().setAttribute(ATTRIBUTE, validFrom));
    }

    /**
     * Checks each request of a signed-in UI session: one read of the account by its unique name. Static resources
     * are public and skipped, so a page load costs one read, not one per script.
     */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                HttpSession session = request.getSession(false);
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                if (session != null && session.getAttribute(ATTRIBUTE) instanceof Instant seen && auth != null
                        && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)
                        && !isStaticResource(request)
                        && !validFrom(auth.getName()).map(seen::equals).orElse(false)) {
                    // what ConcurrentSessionFilter does for a session the local registry expired
                    new SecurityContextLogoutHandler().logout(request, response, auth);
                    response.sendRedirect(request.getContextPath() + ENDED_URL);
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    private static boolean isStaticResource(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return (path.startsWith("/VAADIN/") && !path.startsWith("/VAADIN/push"))
                || path.startsWith("/styles/") || path.startsWith("/webjars/") || path.startsWith("/icons/")
                || path.equals("/favicon.ico");
    }
}
