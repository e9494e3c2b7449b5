package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;
import org.tuopin.SignIn;
import org.tuopin.TestAccounts;
import org.tuopin.TuopinTest;
import org.tuopin.access.Role;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;

/**
 * Account administration by an administrator bound to Sichuan: the province's accounts only, never an account or
 * an administrator above it, never the national role policy; and the country always keeps an administrator of
 * its own (DD023). Each case runs in a transaction that is rolled back.
 */
@TuopinTest
class AdministratorsReachTest {

    static final String PROVINCIAL = "reach.sichuan";
    static final String NATIONAL = "reach.national";

    @Autowired
    AccountService accounts;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void administrators() {
        TestAccounts.add(jdbc, PROVINCIAL, "ADMIN", "510000");
        TestAccounts.add(jdbc, NATIONAL, "ADMIN", "CN");
    }

    @AfterEach
    void remove() {
        SecurityContextHolder.clearContext();
        jdbc.sql("delete from account where username in (:u)").param("u", List.of(PROVINCIAL, NATIONAL)).update();
    }

    /** Runs the case signed in as the account, in a transaction that is rolled back whatever it did. */
    private void rolledBack(String username, Runnable action) {
        SignIn.as(users, username);
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            action.run();
        });
    }

    private long id(String username) {
        return jdbc.sql("select id from account where username = :u").param("u", username).query(Long.class).single();
    }

    private long version(String username) {
        return jdbc.sql("select version from account where username = :u").param("u", username).query(Long.class).single();
    }

    @Test
    void aProvincialAdministratorCannotBindAnAdministratorAboveTheProvince() {
        rolledBack(PROVINCIAL, () -> assertThatThrownBy(() -> accounts.create(
                new AccountService.NewAccount("reach.new", "New", Role.ADMIN, "CN")))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.messageKey()).isEqualTo("accounts.error.region")));
        rolledBack(PROVINCIAL, () -> assertThatThrownBy(() -> accounts.changeRoleAndRegion(id("clerk.liangshan"),
                version("clerk.liangshan"), Role.ADMIN, "CN", "Liangshan office")).isInstanceOf(UserError.class));
        // nor move one of its accounts into another province
        rolledBack(PROVINCIAL, () -> assertThatThrownBy(() -> accounts.changeRoleAndRegion(id("clerk.liangshan"),
                version("clerk.liangshan"), Role.DATA_ENTRY, "533301", "Lushui office")).isInstanceOf(UserError.class));
        assertThat(jdbc.sql("select r.code from account a join region r on r.id = a.region_id where a.username = :u")
                .param("u", "clerk.liangshan").query(String.class).single()).isEqualTo("513400");
        // within the province, an administrator of the province is its to make
        rolledBack(PROVINCIAL, () -> accounts.create(new AccountService.NewAccount("reach.new", "New", Role.ADMIN,
                "510000")));
    }

    @Test
    void aProvincialAdministratorDoesNotReachTheNationalAdministrators() {
        rolledBack(PROVINCIAL, () -> {
            assertThat(accounts.find("", 0, 500)).extracting(AccountRow::username)
                    .contains("clerk.liangshan", PROVINCIAL).doesNotContain("admin", NATIONAL, "clerk.nujiang");
            assertThatThrownBy(() -> accounts.resetPassword(id(NATIONAL), version(NATIONAL)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> accounts.setEnabled(id("admin"), version("admin"), false, "take over"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> accounts.endSessions(id("admin"))).isInstanceOf(NotFoundException.class);
        });
    }

    @Test
    void theSecondFactorPolicyIsTheCountrysToSet() {
        boolean before = jdbc.sql("select totp_required from role_policy where role = 'AUDITOR'")
                .query(Boolean.class).single();
        rolledBack(PROVINCIAL, () -> assertThatThrownBy(() -> accounts.setTotpRequired(Role.AUDITOR, !before))
                .isInstanceOf(AccessDeniedException.class));
        rolledBack(NATIONAL, () -> {
            accounts.setTotpRequired(Role.AUDITOR, !before);
            assertThat(accounts.totpRequired(Role.AUDITOR)).isEqualTo(!before);
        });
    }

    @Test
    void theLastNationalAdministratorStaysWhileProvincialOnesExist() {
        rolledBack(NATIONAL, () -> {
            // only NATIONAL is left at the country; Sichuan's administrator alone could never give the settings back
            jdbc.sql("update account set enabled = false where role = 'ADMIN' and username <> :u"
                    + " and region_id = (select id from region where code = 'CN')").param("u", NATIONAL).update();
            assertThatThrownBy(() -> accounts.setEnabled(id(NATIONAL), version(NATIONAL), false, "leaving"))
                    .isInstanceOfSatisfying(UserError.class,
                            e -> assertThat(e.messageKey()).isEqualTo("accounts.error.lastNationalAdmin"));
            assertThatThrownBy(() -> accounts.changeRoleAndRegion(id(NATIONAL), version(NATIONAL), Role.ADMIN,
                    "510000", "Moved")).isInstanceOfSatisfying(UserError.class,
                    e -> assertThat(e.messageKey()).isEqualTo("accounts.error.lastNationalAdmin"));
            assertThatThrownBy(() -> accounts.changeRoleAndRegion(id(NATIONAL), version(NATIONAL), Role.AUDITOR,
                    "CN", "Moved")).isInstanceOf(UserError.class);
            // the provincial one may still go: the country keeps its administrator
            accounts.setEnabled(id(PROVINCIAL), version(PROVINCIAL), false, "leaving");
        });
    }
}
