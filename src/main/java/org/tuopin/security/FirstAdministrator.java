package org.tuopin.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tuopin.access.Role;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;

/**
 * The first accounts, created while the application context starts, before the web server accepts a request: in
 * demo mode the {@link DemoAccounts}; otherwise, after the demo accounts left with the published password are
 * disabled, the first administrator of a real deployment. On a database without an enabled administrator bound to
 * China it creates {@code admin} (or takes back a disabled {@code admin}, such as a left-over demo account), bound
 * to China, with the one-time setup secret given at start: {@code tuopin.bootstrap-admin-password} (environment:
 * {@code TUOPIN_BOOTSTRAP_ADMIN_PASSWORD}) or the file named by {@code tuopin.bootstrap-admin-password-file}
 * ({@code TUOPIN_BOOTSTRAP_ADMIN_PASSWORD_FILE}, for Docker secrets). The secret must pass the password policy and
 * has to be changed at first sign-in; once a national administrator exists it is never read again. Without a
 * secret, such a database gets a warning that says how to create the administrator.
 */
@Component
class FirstAdministrator implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final String password;
    private final String passwordFile;
    private final DemoMode demoMode;
    private final DemoAccounts demoAccounts;
    private final AuditTrail audit;
    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    FirstAdministrator(@Value("${tuopin.bootstrap-admin-password:}") String password,
                       @Value("${tuopin.bootstrap-admin-password-file:}") String passwordFile, DemoMode demoMode,
                       DemoAccounts demoAccounts, AuditTrail audit, AccountRepository accounts, PasswordEncoder encoder, PasswordPolicy policy, JdbcClient jdbc,
                       PlatformTransactionManager transactions) {
        this.password = password;
        this.passwordFile = passwordFile;
        this.demoMode = demoMode;
        this.demoAccounts = demoAccounts;
        this.audit = audit;
        this.accounts = accounts;
        this.encoder = encoder;
        this.policy = policy;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void afterSingletonsInstantiated() {
        transaction.executeWithoutResult(status -> {
            oneNodeAtATime(jdbc);
            if (demoMode.enabled()) {
                demoAccounts.createAndWarn(); // they include an administrator
                return;
            }
            demoAccounts.disableThoseWithThePublishedPassword();
            createIfNoNationalAdministrator();
        });
    }

    /**
     * Nodes that start together on a new database would each find no account and insert the same names, and all but
     * one would fail to start on the unique key: the first accounts are created by one node at a time, the others
     * then find them. A transaction-scoped advisory lock, released at commit.
     */
    static void oneNodeAtATime(JdbcClient jdbc) {
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtext('tuopin.first-accounts'))) as locked")
                .query(Integer.class).single();
    }

    private void createIfNoNationalAdministrator() {
        boolean anyAccount = accounts.count() > 0;
        if (anyAccount && jdbc.sql("""
                        select exists(select 1 from account a join region r on r.id = a.region_id
                                      where a.role = 'ADMIN' and a.enabled and r.parent_id is null)""")
                .query(Boolean.class).single()) {
            return;
        }
        String secret = secret();
        if (secret.isEmpty()) {
            log.warn((anyAccount ? "No enabled administrator bound to the country exists" : "No account exists")
                    + " and no setup secret was given, so nobody can sign in" + (anyAccount ? " as one" : "")
                    + ". To create the first administrator 'admin', start once with "
                    + "TUOPIN_BOOTSTRAP_ADMIN_PASSWORD_FILE=<file holding a one-time password> (or "
                    + "TUOPIN_BOOTSTRAP_ADMIN_PASSWORD=...); it must be changed at first sign-in. "
                    + "To try the application with demo accounts instead: --tuopin.demo.enabled=true");
            return;
        }
        List<PasswordProblem> problems = policy.check("admin", secret);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The first administrator's setup secret is refused by the password policy: "
                    + problems);
        }
        long china = jdbc.sql("select id from region where code = 'CN'").query(Long.class).single();
        Account admin = accounts.findByUsername("admin").orElse(null);
        if (admin == null) {
            admin = new Account("admin", "Administrator", encoder.encode(secret), Role.ADMIN, china);
        } else {
            // a disabled 'admin' (a left-over demo account, say) is taken back rather than left in the way
            admin.setPasswordHash(encoder.encode(secret));
            admin.setRole(Role.ADMIN);
            admin.setRegionId(china);
            admin.setEnabled(true);
            admin.setTotpSecret(null);
            admin.setFailedAttempts(0);
            admin.setLockedUntil(null);
        }
        admin.setMustChangePassword(true);
        boolean takenBack = admin.getId() != null;
        accounts.saveAndFlush(admin);
        if (takenBack) {
            audit.record(new AuditTrail.Event(new AuditTrail.Actor(null, null), AuditAction.ACCOUNT_ENABLED, "account",
                    "admin", china, List.of(FieldChange.of("enabled", false, true)),
                    "first administrator of the country from the setup secret given at start"));
        }
        log.warn("{} the first administrator 'admin' with the setup secret; it must be changed at first sign-in, "
                + "and a second factor set up. The secret is not used again: remove it from the environment.",
                takenBack ? "Took back" : "Created");
    }

    /** The secret from the property or from the file (without the line break an editor or echo adds); not both. */
    private String secret() {
        if (passwordFile.isBlank()) {
            return password;
        }
        if (!password.isEmpty()) {
            throw new IllegalStateException("Give the first administrator's setup secret once: either "
                    + "tuopin.bootstrap-admin-password or tuopin.bootstrap-admin-password-file, not both");
        }
        try {
            return Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).replaceFirst("\\R+$", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read tuopin.bootstrap-admin-password-file " + passwordFile, e);
        }
    }
}
