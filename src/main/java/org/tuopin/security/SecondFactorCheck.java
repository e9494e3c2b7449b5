package org.tuopin.security;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tuopin.access.Role;
import org.tuopin.base.ReadFromPrimary;

/**
 * What the sign-in code needs to know of an account's second factor, before anyone is signed in, and the one place
 * that says which roles require it.
 */
@Component
class SecondFactorCheck {

    /** Whether a correct password alone may let an account in where no one-time code can be asked (the API). */
    enum PasswordAlone {
        /** No second factor, none required. */
        ENOUGH,
        /** The account signs in with a one-time code: scripts use a personal API token instead. */
        TOTP_ON,
        /** The account's role requires a second factor that it has not set up yet: nothing is served. */
        TOTP_SETUP_REQUIRED
    }

    private record State(String passwordHash, Role role, boolean totp, boolean roleRequires, boolean usable) {
    }

    private final AccountRepository accounts;
    private final JdbcClient jdbc;
    private final DemoMode demoMode;

    SecondFactorCheck(AccountRepository accounts, JdbcClient jdbc, DemoMode demoMode) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.demoMode = demoMode;
    }

    @ReadFromPrimary
    public boolean hasSecondFactor(String username) {
        return accounts.findByUsername(username).map(a -> a.getTotpSecret() != null).orElse(false);
    }

    /** ADMIN accounts need a second factor outside demo mode; other roles when an administrator says so. */
    @ReadFromPrimary
    public boolean required(Role role) {
        if (role == Role.ADMIN && !demoMode.enabled()) {
            return true;
        }
        return jdbc.sql("select totp_required from role_policy where role = :r").param("r", role.name())
                .query(Boolean.class).optional().orElse(false);
    }

    @ReadFromPrimary
    public PasswordAlone passwordAlone(String username) {
        return state(username).map(this::judge).orElse(PasswordAlone.ENOUGH);
    }

    /**
     * The account's password hash while a remembered password-only API sign-in may still be used: the account is
     * enabled, not locked, and needs no second factor. One indexed read.
     */
    @ReadFromPrimary
    public Optional<String> passwordOnlyHash(String username) {
        return state(username).filter(State::usable).filter(s -> judge(s) == PasswordAlone.ENOUGH)
                .map(State::passwordHash);
    }

    private PasswordAlone judge(State s) {
        if (s.totp()) {
            return PasswordAlone.TOTP_ON;
        }
        boolean requiredForRole = s.roleRequires() || (s.role() == Role.ADMIN && !demoMode.enabled());
        return requiredForRole ? PasswordAlone.TOTP_SETUP_REQUIRED : PasswordAlone.ENOUGH;
    }

    private Optional<State> state(String username) {
        return jdbc.sql("""
                        select a.password_hash, a.role, a.totp_secret is not null, coalesce(p.totp_required, false),
                               a.enabled and (a.locked_until is null or a.locked_until <= now())
                        from account a left join role_policy p on p.role = a.role
                        where a.username = :u""")
                .param("u", username)
                .query((rs, n) -> new State(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getBoolean(3),
                        rs.getBoolean(4), rs.getBoolean(5)))
                .optional();
    }
}
