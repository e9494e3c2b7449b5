package org.tuopin.security;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On a database without a single account (a new external PostgreSQL), creates the administrator
 * {@code admin}, bound to China, with the password given in {@code tuopin.bootstrap-admin-password}
 * (environment: {@code TUOPIN_BOOTSTRAP_ADMIN_PASSWORD}). The password must pass the password policy
 * and has to be changed at first sign-in. Without the property nothing happens.
 */
@Component
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final String password;
    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final JdbcClient jdbc;

    FirstAdministrator(@Value("${tuopin.bootstrap-admin-password:}") String password, AccountRepository accounts,
                       PasswordEncoder encoder, PasswordPolicy policy, JdbcClient jdbc) {
        this.password = password;
        this.accounts = accounts;
        this.encoder = encoder;
        this.policy = policy;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (password.isEmpty() || accounts.count() > 0) {
            return;
        }
        List<PasswordProblem> problems = policy.check("admin", password);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("tuopin.bootstrap-admin-password is refused by the password policy: "
                    + problems);
        }
        long china = jdbc.sql("select id from region where code = 'CN'").query(Long.class).single();
        Account admin = new Account("admin", "Administrator", encoder.encode(password), Role.ADMIN, china);
        admin.setMustChangePassword(true);
        accounts.save(admin);
        log.info("Created the first administrator 'admin'; the password must be changed at first sign-in");
    }
}
