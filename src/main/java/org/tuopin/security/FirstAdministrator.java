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

/**
 * The first administrator of a real deployment. On a database without a single account, creates {@code admin},
 * bound to China, with the one-time setup secret given at start: {@code tuopin.bootstrap-admin-password}
 * (environment: {@code TUOPIN_BOOTSTRAP_ADMIN_PASSWORD}) or the file named by
 * {@code tuopin.bootstrap-admin-password-file} ({@code TUOPIN_BOOTSTRAP_ADMIN_PASSWORD_FILE}, for Docker secrets).
 * The secret must pass the password policy and has to be changed at first sign-in; once any account exists it is
 * never read again. Without demo mode and without a secret, an empty database gets a warning that says how to
 * create the administrator. Runs before the web server starts, like {@link DemoAccounts}.
 */
@Component
class FirstAdministrator implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final String password;
    private final String passwordFile;
    private final DemoMode demoMode;
    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    FirstAdministrator(@Value("${tuopin.bootstrap-admin-password:}") String password,
                       @Value("${tuopin.bootstrap-admin-password-file:}") String passwordFile, DemoMode demoMode,
                       AccountRepository accounts, PasswordEncoder encoder, PasswordPolicy policy, JdbcClient jdbc,
                       PlatformTransactionManager transactions) {
        this.password = password;
        this.passwordFile = passwordFile;
        this.demoMode = demoMode;
        this.accounts = accounts;
        this.encoder = encoder;
        this.policy = policy;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (demoMode.enabled()) {
            return; // the demo accounts include an administrator
        }
        transaction.executeWithoutResult(status -> createIfNoAccount());
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

    private void createIfNoAccount() {
        oneNodeAtATime(jdbc);
        if (accounts.count() > 0) {
            return;
        }
        String secret = secret();
        if (secret.isEmpty()) {
            log.warn("No account exists and no setup secret was given, so nobody can sign in. To create the first "
                    + "administrator 'admin', start once with TUOPIN_BOOTSTRAP_ADMIN_PASSWORD_FILE=<file holding a "
                    + "one-time password> (or TUOPIN_BOOTSTRAP_ADMIN_PASSWORD=...); it must be changed at first sign-in. "
                    + "To try the application with demo accounts instead: --tuopin.demo.enabled=true");
            return;
        }
        List<PasswordProblem> problems = policy.check("admin", secret);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The first administrator's setup secret is refused by the password policy: "
                    + problems);
        }
        long china = jdbc.sql("select id from region where code = 'CN'").query(Long.class).single();
        Account admin = new Account("admin", "Administrator", encoder.encode(secret), Role.ADMIN, china);
        admin.setMustChangePassword(true);
        accounts.save(admin);
        log.warn("Created the first administrator 'admin' with the setup secret; it must be changed at first sign-in, "
                + "and a second factor set up. The secret is not used again: remove it from the environment.");
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
