package org.tuopin.security;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the demo accounts of the README, only in demo mode ({@link DemoMode}), whatever the database: a known
 * password reaches a deployment only when someone switched it on by name. They are created while the application
 * context starts, before the web server accepts a request, so that the very first sign-in works (DD020).
 */
@Component
class DemoAccounts implements SmartInitializingSingleton {

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

    private final DemoMode demoMode;
    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    DemoAccounts(DemoMode demoMode, AccountRepository accounts, PasswordEncoder encoder, JdbcClient jdbc,
                 PlatformTransactionManager transactions) {
        this.demoMode = demoMode;
        this.accounts = accounts;
        this.encoder = encoder;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** After every singleton (Flyway's migrations and reference data included), before the web server starts. */
    @Override
    public void afterSingletonsInstantiated() {
        if (!demoMode.enabled()) {
            return;
        }
        int created = transaction.execute(status -> createMissing());
        log.warn("DEMO MODE (tuopin.demo.enabled=true): the demo accounts {} sign in with the published password {}"
                        + " and administrators need no second factor; never use demo mode with real data{}",
                ACCOUNTS.stream().map(Demo::username).toList(), PASSWORD,
                created > 0 ? " (" + created + " demo accounts created now)" : "");
    }

    private int createMissing() {
        FirstAdministrator.oneNodeAtATime(jdbc);
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
        return created;
    }
}
