package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.TuopinTest;
import org.tuopin.access.Role;
import org.tuopin.base.UserError;

@TuopinTest
@Transactional
class AccountServiceTest {

    @Autowired
    AccountService accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    jakarta.persistence.EntityManager entities;

    /** A wrong current password counts as a failed sign-in, committed after the test's rollback: forget it. */
    @org.springframework.test.context.transaction.AfterTransaction
    void forgetFailedSignIns() {
        jdbc.sql("update account set failed_attempts = 0 where username = 'clerk.liangshan'").update();
    }

    private AccountRow row(String username) {
        return accounts.find(username, 0, 10).stream().filter(a -> a.username().equals(username)).findFirst()
                .orElseThrow();
    }

    private String lastAudit(String entityId) {
        return jdbc.sql("select action || ' by ' || account || ': ' || changes from audit_entry where entity_id = :id "
                + "order by seq desc limit 1").param("id", entityId).query(String.class).single();
    }

    @Test
    @WithUserDetails("admin")
    void creatingAnAccountGivesAOneTimePasswordThatMustBeChanged() {
        String temporary = accounts.create(new AccountService.NewAccount(" Clerk.Zhaojue ", "Zhaojue office",
                Role.DATA_ENTRY, "513431"));
        AccountRow created = row("clerk.zhaojue");
        assertThat(created.role()).isEqualTo(Role.DATA_ENTRY);
        assertThat(created.regionCode()).isEqualTo("513431");
        assertThat(created.mustChangePassword()).isTrue();
        String hash = jdbc.sql("select password_hash from account where username = 'clerk.zhaojue'")
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}$2a$12$");
        assertThat(encoder.matches(temporary, hash)).isTrue();
        assertThat(lastAudit("clerk.zhaojue")).startsWith("CREATE by admin: ").contains("\"after\":\"513431\"");
    }

    @Test
    @WithUserDetails("admin")
    void badRequestsAreRefusedWithASpecificReason() {
        assertThatThrownBy(() -> accounts.create(new AccountService.NewAccount("auditor", "Again", Role.AUDITOR, "CN")))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.messageKey()).isEqualTo("accounts.error.taken"));
        assertThatThrownBy(() -> accounts.create(new AccountService.NewAccount("has space", "X", Role.AUDITOR, "CN")))
                .isInstanceOfSatisfying(UserError.class,
                        e -> assertThat(e.messageKey()).isEqualTo("accounts.error.username"));
        assertThatThrownBy(() -> accounts.create(new AccountService.NewAccount("fine.name", "X", Role.AUDITOR,
                "GROUP:EIGHT_PROVINCES")))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.messageKey()).isEqualTo("accounts.error.region"));
        assertThatThrownBy(() -> accounts.create(new AccountService.NewAccount("fine.name", " ", Role.AUDITOR, "CN")))
                .isInstanceOfSatisfying(UserError.class,
                        e -> assertThat(e.messageKey()).isEqualTo("accounts.error.displayName"));
    }

    @Test
    @WithUserDetails("admin")
    void theLastEnabledAdministratorCannotBeDisabledOrDemoted() {
        AccountRow admin = row("admin");
        assertThatThrownBy(() -> accounts.setEnabled(admin.id(), admin.version(), false, "leaving"))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.messageKey()).isEqualTo("accounts.error.lastAdmin"));
        assertThatThrownBy(() -> accounts.changeRoleAndRegion(admin.id(), admin.version(), Role.AUDITOR, "CN", "Admin"))
                .isInstanceOf(UserError.class);

        accounts.create(new AccountService.NewAccount("second.admin", "Second", Role.ADMIN, "CN"));
        accounts.setEnabled(admin.id(), admin.version(), false, "handing over");
        assertThat(jdbc.sql("select enabled from account where username = 'admin'").query(Boolean.class).single())
                .isFalse();
        assertThat(lastAudit("admin")).startsWith("ACCOUNT_DISABLED by admin");
    }

    @Test
    @WithUserDetails("admin")
    void aStaleVersionIsRefusedInsteadOfOverwriting() {
        AccountRow clerk = row("clerk.nujiang");
        accounts.changeRoleAndRegion(clerk.id(), clerk.version(), Role.DATA_ENTRY, "533301", "Lushui office");
        assertThatThrownBy(() -> accounts.changeRoleAndRegion(clerk.id(), clerk.version(), Role.AUDITOR, "533300",
                "Nujiang")).isInstanceOf(ObjectOptimisticLockingFailureException.class);
        AccountRow now = row("clerk.nujiang");
        assertThat(now.regionCode()).isEqualTo("533301");
        assertThat(now.displayName()).isEqualTo("Lushui office");
        assertThat(lastAudit("clerk.nujiang")).startsWith("UPDATE by admin")
                .contains("{\"field\":\"region\",\"before\":\"533300\",\"after\":\"533301\"}");
    }

    @Test
    @WithUserDetails("admin")
    void resetAndUnlock() {
        AccountRow clerk = row("clerk.liangshan");
        String temporary = accounts.resetPassword(clerk.id(), clerk.version());
        assertThat(temporary).hasSize(16);
        assertThat(row("clerk.liangshan").mustChangePassword()).isTrue();
        jdbc.sql("update account set locked_until = now() + interval '10 minutes' where username = 'clerk.liangshan'")
                .update();
        entities.clear(); // the lock was written beside JPA, as the sign-in code writes it
        AccountRow locked = row("clerk.liangshan");
        assertThat(locked.locked(java.time.Instant.now())).isTrue();
        accounts.unlock(locked.id(), locked.version());
        assertThat(row("clerk.liangshan").locked(java.time.Instant.now())).isFalse();
    }

    @Test
    @WithUserDetails("supervisor.sichuan")
    void onlyAdministratorsAdministerAccounts() {
        assertThatThrownBy(() -> accounts.find("", 0, 10))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void usersChangeTheirOwnPasswordUnderThePolicy() {
        assertThatThrownBy(() -> accounts.changeOwnPassword("wrong", "a long and private phrase 42"))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.messageKey()).isEqualTo("password.currentWrong"));
        assertThatThrownBy(() -> accounts.changeOwnPassword(DemoAccounts.PASSWORD, "short"))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.messageKey()).isEqualTo("password.tooShort"));
        assertThatThrownBy(() -> accounts.changeOwnPassword(DemoAccounts.PASSWORD, "clerk.liangshan"))
                .isInstanceOf(UserError.class);
        accounts.changeOwnPassword(DemoAccounts.PASSWORD, "a long and private phrase 42");
        String hash = jdbc.sql("select password_hash from account where username = 'clerk.liangshan'")
                .query(String.class).single();
        assertThat(encoder.matches("a long and private phrase 42", hash)).isTrue();
        assertThat(lastAudit("clerk.liangshan")).startsWith("PASSWORD_CHANGED by clerk.liangshan");
    }
}
