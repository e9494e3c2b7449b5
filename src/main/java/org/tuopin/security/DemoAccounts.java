package org.tuopin.security;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.base.DatabaseInfo;

/**
 * Creates the demo accounts of the README, but only on the embedded database: against an external
 * PostgreSQL nothing is created, so a known password can never reach a real deployment.
 */
@Component
class DemoAccounts implements ApplicationRunner {

    static final String PASSWORD = "tuopin-demo-2020";

    record Demo(String username, String displayName, Role role, String regionCode) {
    }

    static final List<Demo> ACCOUNTS = List.of(
            new Demo("admin", "Administrator", Role.ADMIN, "CN"),
            new Demo("supervisor", "National supervisor", Role.SUPERVISOR, "CN"),
            new Demo("supervisor.sichuan", "Sichuan supervisor", Role.SUPERVISOR, "510000"),
            new Demo("clerk.liangshan", "Liangshan poverty alleviation office", Role.DATA_ENTRY, "513400"),
            new Demo("clerk.nujiang", "Nujiang poverty alleviation office", Role.DATA_ENTRY, "533300"),
            new Demo("auditor", "National auditor", Role.AUDITOR, "CN"));

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private final DatabaseInfo database;
    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    private final JdbcClient jdbc;

    DemoAccounts(DatabaseInfo database, AccountRepository accounts, PasswordEncoder encoder, JdbcClient jdbc) {
        this.database = database;
        this.accounts = accounts;
        this.encoder = encoder;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!database.embedded()) {
            return;
        }
        int created = 0;
        for (Demo demo : ACCOUNTS) {
            if (accounts.findByUsername(demo.username()).isPresent()) {
                continue;
            }
            long regionId = jdbc.sql("select id from region where code = :code").param("code", demo.regionCode())
                    .query(Long.class).single();
            accounts.save(new Account(demo.username(), demo.displayName(), encoder.encode(PASSWORD), demo.role(), regionId));
            created++;
        }
        if (created > 0) {
            log.info("Created {} demo accounts (embedded database only), password {}", created, PASSWORD);
        }
    }
}
