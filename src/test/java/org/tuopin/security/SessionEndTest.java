package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.base.UserError;

/**
 * An account's sessions end when its password is reset by an administrator or changed in another session, or when it
 * is disabled; checking the current password on a change is throttled like a sign-in.
 */
@TuopinTest
class SessionEndTest {

    static final String USER = "session.user";

    @Autowired
    AccountService accounts;
    @Autowired
    SessionRegistry sessions;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LoginAttempts attempts;

    @BeforeEach
    void anAccountSignedInTwice() {
        String hash = jdbc.sql("select password_hash from account where username = 'admin'").query(String.class).single();
        jdbc.sql("""
                        insert into account(username, display_name, password_hash, role, region_id)
                        values (:u, 'Session test', :h, 'DATA_ENTRY', (select id from region where code = '513400'))""")
                .param("u", USER).param("h", hash).update();
        var principal = users.loadUserByUsername(USER);
        sessions.registerNewSession("laptop", principal);
        sessions.registerNewSession("phone", principal);
    }

    @AfterEach
    void cleanUp() {
        RequestContextHolder.resetRequestAttributes();
        sessions.removeSessionInformation("laptop");
        sessions.removeSessionInformation("phone");
        jdbc.sql("delete from account where username = :u").param("u", USER).update();
        for (String table : java.util.List.of("refusal_tally where account", "sign_in_failure where username",
                "sign_in_known_address where username")) {
            jdbc.sql("delete from " + table + " = :u").param("u", USER).update();
        }
    }

    private boolean expired(String sessionId) {
        return sessions.getSessionInformation(sessionId).isExpired();
    }

    /** The request comes from the given session, as a Vaadin request from that browser would. */
    private static void inSession(String sessionId) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setSession(new MockHttpSession(null, sessionId));
        request.setRemoteAddr("198.51.100.7");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsButNotThisOne() {
        inSession("laptop");
        SignIn.as(users, USER, () -> {
            accounts.changeOwnPassword(DemoAccounts.PASSWORD, "a long and private phrase 42");
            return null;
        });
        assertThat(expired("phone")).isTrue();
        assertThat(expired("laptop")).isFalse();
    }

    @Test
    void anAdministratorsResetEndsEverySessionOfTheAccount() {
        long id = jdbc.sql("select id from account where username = :u").param("u", USER).query(Long.class).single();
        long version = jdbc.sql("select version from account where id = :id").param("id", id).query(Long.class).single();
        SignIn.as(users, "admin", () -> accounts.resetPassword(id, version));
        assertThat(List.of(expired("laptop"), expired("phone"))).containsExactly(true, true);
    }

    @Test
    void disablingTheAccountEndsEverySession() {
        long id = jdbc.sql("select id from account where username = :u").param("u", USER).query(Long.class).single();
        long version = jdbc.sql("select version from account where id = :id").param("id", id).query(Long.class).single();
        SignIn.as(users, "admin", () -> {
            accounts.setEnabled(id, version, false, "left the office");
            return null;
        });
        assertThat(List.of(expired("laptop"), expired("phone"))).containsExactly(true, true);
    }

    @Test
    void fiveWrongCurrentPasswordsLockTheAccountAndFurtherTriesAreRefusedUnchecked() {
        inSession("laptop");
        for (int i = 1; i <= LoginAttempts.ACCOUNT_FAILURE_LIMIT; i++) {
            assertThatThrownBy(() -> SignIn.as(users, USER, () -> {
                accounts.changeOwnPassword("a wrong guess here", "a long and private phrase 42");
                return null;
            })).isInstanceOfSatisfying(UserError.class,
                    e -> assertThat(e.messageKey()).isEqualTo("password.currentWrong"));
        }
        assertThat(attempts.refusal(USER, "198.51.100.7")).as("locked for the address the guesses came from")
                .isPresent();
        assertThat(jdbc.sql("""
                        select coalesce(sum(cast(reasons ->> 'wrong current password on password change' as int)), 0)
                        from refusal_tally where account = :u and client_address = '198.51.100.7'""")
                .param("u", USER).query(Integer.class).single())
                .as("each wrong current password is tallied for the audit trail's per-minute entry")
                .isEqualTo(LoginAttempts.ACCOUNT_FAILURE_LIMIT);
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry
                        where account = :u and action = 'LOCKED_OUT' and reason like '%locked for that address'""")
                .param("u", USER).query(Integer.class).single()).isEqualTo(1);
        // even the right password is not checked while the lock lasts
        assertThatThrownBy(() -> SignIn.as(users, USER, () -> {
            accounts.changeOwnPassword(DemoAccounts.PASSWORD, "a long and private phrase 42");
            return null;
        })).isInstanceOfSatisfying(UserError.class, e -> assertThat(e.messageKey()).isEqualTo("password.locked"));
    }
}
