package org.tuopin.security;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.tuopin.access.Role;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;

/**
 * The demo accounts of the README, only in demo mode ({@link DemoMode}), whatever the database: a known password
 * reaches a deployment only when someone switched it on by name. They are created while the application context
 * starts, before the web server accepts a request, so that the very first sign-in works (DD020). Outside demo mode,
 * demo accounts left from an earlier start in demo mode that still have the published password are disabled at start
 * ({@link #disableThoseWithThePublishedPassword}): switching demo mode off must not leave them open.
 * {@link FirstAdministrator} runs both, in the right order.
 */
@Component
class DemoAccounts {

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

    /** The reason of the audit entry when a left-over demo account is disabled at start. */
    static final String LEFT_OVER = "demo account with the published password, and demo mode is off";

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    private final JdbcClient jdbc;
    private final AuditTrail audit;

    DemoAccounts(AccountRepository accounts, PasswordEncoder encoder, JdbcClient jdbc, AuditTrail audit) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Demo mode: creates the demo accounts that are missing and says loudly that they exist. In a transaction. */
    void createAndWarn() {
        int created = createMissing();
        log.warn("DEMO MODE (tuopin.demo.enabled=true): the demo accounts {} sign in with the published password {}"
                        + " and administrators need no second factor; never use demo mode with real data{}",
                ACCOUNTS.stream().map(Demo::username).toList(), PASSWORD,
                created > 0 ? " (" + created + " demo accounts created now)" : "");
    }

    /**
     * Outside demo mode: every enabled account with a demo name whose password is still the published one is
     * disabled, its sessions ended, with an audit entry and a warning. An account that took a demo name but has a
     * password of its own is left alone (one indexed read per demo name; a bcrypt check only for those that exist).
     * In a transaction.
     */
    void disableThoseWithThePublishedPassword() {
        List<String> disabled = new java.util.ArrayList<>();
        for (Demo demo : ACCOUNTS) {
            accounts.findByUsername(demo.username())
                    .filter(account -> account.isEnabled() && encoder.matches(PASSWORD, account.getPasswordHash()))
                    .ifPresent(account -> {
                        account.setEnabled(false);
                        accounts.saveAndFlush(account);
                        jdbc.sql("update account set sessions_valid_from = clock_timestamp() where id = :id")
                                .param("id", account.getId()).update();
                        audit.record(new AuditTrail.Event(new AuditTrail.Actor(null, null), AuditAction.ACCOUNT_DISABLED,
                                "account", account.getUsername(), account.getRegionId(),
                                List.of(FieldChange.of("enabled", true, false)), LEFT_OVER));
                        disabled.add(account.getUsername());
                    });
        }
        if (!disabled.isEmpty()) {
            log.warn("Demo mode is off, but the demo accounts {} still had the published password: they are disabled "
                    + "now. An administrator can enable them again after resetting their passwords.", disabled);
        }
    }

    private int createMissing() {
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
