package org.tuopin.access;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
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
 *
 * <p>The grids' page reads, which run on every scroll, save that round trip with {@link #guarded}: they run with
 * the scope last read for the account and carry {@link ScopeSql#HELD} in their own statement, which lets rows
 * through only while the account still holds that scope (docs/design-decisions/DD013).
 */
@Component
public class CurrentScope {

    private final JdbcClient jdbc;
    /** The scope last read for each account name; at most one entry per account, dropped when one is disabled. */
    private final Map<String, Scope> lastRead = new ConcurrentHashMap<>();

    CurrentScope(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The scope of the signed-in account; fails when nobody (or a disabled account) is signed in. */
    public Scope require() {
        return find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Not signed in"));
    }

    /**
     * The scope of the signed-in account when it is bound to the country; an account bound lower is refused as
     * if it lacked the role, since national settings are not records that it could look for (DD023).
     */
    public Scope requireNational() {
        Scope scope = require();
        if (!scope.national()) {
            throw new AccessDeniedException("National setting: an account bound to the country only");
        }
        return scope;
    }

    public Optional<Scope> find() {
        return signedIn().flatMap(username -> {
            Optional<Scope> scope = forUsername(username);
            scope.ifPresentOrElse(s -> lastRead.put(username, s), () -> lastRead.remove(username));
            return scope;
        });
    }

    /** The name of the fully signed-in account (second factor given), if any. */
    private static Optional<String> signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken
                || SecondFactor.isPending(auth)) {
            return Optional.empty();
        }
        return Optional.of(auth.getName());
    }

    /**
     * Runs a read with the scope last read for the signed-in account (read now when there is none). The read must
     * AND {@link ScopeSql#HELD} (through {@link ScopeSql#held}) into its statement, so that it returns rows
     * only while the account is still enabled with that role and region. A read that comes back {@code empty}
     * therefore says nothing about the scope: the account is read afresh, and when its scope changed the read runs
     * again with the new one (a disabled account fails as in {@link #require}).
     */
    public <T> T guarded(Function<Scope, T> read, Predicate<T> empty) {
        Scope remembered = signedIn().map(lastRead::get).orElse(null);
        if (remembered == null) {
            return read.apply(require());
        }
        T result = read.apply(remembered);
        if (!empty.test(result)) {
            return result;
        }
        Scope current = require();
        return current.equals(remembered) ? result : read.apply(current);
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
