package org.tuopin.security;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Turns the signed-in account into its {@link Scope}. This is the only place that reads the
 * security context for scoping; services ask it and pass the path into their queries.
 * The account is read afresh on every call, so a changed region or a disabled account takes
 * effect at once.
 */
@Component
public class CurrentScope {

    private final JdbcClient jdbc;

    CurrentScope(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The scope of the signed-in account; fails when nobody (or a disabled account) is signed in. */
    public Scope require() {
        return find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Not signed in"));
    }

    public Optional<Scope> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken
                || SecondFactor.isPending(auth)) {
            return Optional.empty();
        }
        return forUsername(auth.getName());
    }

    Optional<Scope> forUsername(String username) {
        return jdbc.sql("""
                        select a.id, a.username, a.role, r.id as region_id, r.code, r.path
                        from account a join region r on r.id = a.region_id
                        where a.username = :username and a.enabled""")
                .param("username", username)
                .query((rs, n) -> new Scope(rs.getLong("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                        rs.getLong("region_id"), rs.getString("code"), rs.getString("path")))
                .optional();
    }
}
