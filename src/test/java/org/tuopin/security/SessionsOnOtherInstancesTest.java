package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.access.Role;

/**
 * Behind a balancer a session lives on one instance while the password is reset on another, whose
 * {@code SessionRegistry} does not know it. Simulated here by hiding the account's sessions from this instance's
 * registry while the change is made, so that only the database records it: the session is ended at its next request
 * all the same, and the session that changed the password stays signed in.
 */
@TuopinTest
class SessionsOnOtherInstancesTest {

    static final String USER = "elsewhere.user";

    @Autowired
    MockMvc mvc;
    @Autowired
    AccountService accounts;
    @Autowired
    SessionRegistry sessions;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void anAccount() {
        String hash = jdbc.sql("select password_hash from account where username = 'admin'").query(String.class).single();
        jdbc.sql("""
                        insert into account(username, display_name, password_hash, role, region_id)
                        values (:u, 'Other instance test', :h, 'DATA_ENTRY', (select id from region where code = '513400'))""")
                .param("u", USER).param("h", hash).update();
    }

    @AfterEach
    void cleanUp() {
        RequestContextHolder.resetRequestAttributes();
        for (SessionInformation session : sessions.getAllSessions(users.loadUserByUsername(USER), true)) {
            sessions.removeSessionInformation(session.getSessionId());
        }
        jdbc.sql("delete from account where username = :u").param("u", USER).update();
        for (String table : List.of("sign_in_failure where username", "sign_in_known_address where username")) {
            jdbc.sql("delete from " + table + " = :u").param("u", USER).update();
        }
    }

    private MockHttpSession signIn(String password) throws Exception {
        MvcResult login = mvc.perform(post("/login").param("username", USER).param("password", password)
                .session(new MockHttpSession()).with(csrf())).andReturn();
        assertThat(login.getResponse().getStatus()).isEqualTo(302);
        assertThat(login.getResponse().getRedirectedUrl()).doesNotContain("error");
        return (MockHttpSession) login.getRequest().getSession();
    }

    /**
     * The next request of the session. {@code /figures.csv} is no handler of its own (the export is at
     * {@code /api/v1/figures.csv}, in the API's chain, which ignores sessions), so it stays in the UI chain, whose
     * catch-all rule denies it: the sign-in page for a request that is not signed in, 403 for one that is.
     */
    private MvcResult next(MockHttpSession session) throws Exception {
        return mvc.perform(get("/figures.csv").param("year", "2019").param("region", "513431").session(session)).andReturn();
    }

    private void assertEnded(MockHttpSession session) throws Exception {
        MvcResult result = next(session);
        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).endsWith(SessionValidity.ENDED_URL);
        assertThat(session.isInvalid()).as("the session itself is gone, not only refused once").isTrue();
    }

    private void assertSignedIn(MockHttpSession session) throws Exception {
        MvcResult result = next(session);
        // a denied GET is answered 403 only when it is signed in (an anonymous one is sent to the sign-in page), so
        // 403 is the one answer of a session that still signs its requests in; 200 cannot occur on this path
        assertThat(result.getResponse().getStatus()).as("refused as the signed-in account, not sent to sign in")
                .isEqualTo(403);
        assertThat(result.getResponse().getRedirectedUrl()).isNull();
        assertThat(session.isInvalid()).isFalse();
        var context = (org.springframework.security.core.context.SecurityContext) session.getAttribute(
                org.springframework.security.web.context.HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        assertThat(context.getAuthentication().getName()).isEqualTo(USER);
    }

    /** Makes the change as another instance would: this instance's registry neither sees nor expires the sessions. */
    private void onAnotherInstance(Runnable change) {
        var principal = users.loadUserByUsername(USER);
        List<String> known = sessions.getAllSessions(principal, false).stream().map(SessionInformation::getSessionId)
                .toList();
        assertThat(known).as("form sign-in registers the session locally").isNotEmpty();
        known.forEach(sessions::removeSessionInformation);
        try {
            change.run();
        } finally {
            known.forEach(id -> sessions.registerNewSession(id, principal));
        }
        assertThat(sessions.getAllSessions(principal, false)).as("still live in this instance's registry")
                .hasSize(known.size());
    }

    private long id() {
        return jdbc.sql("select id from account where username = :u").param("u", USER).query(Long.class).single();
    }

    private long version() {
        return jdbc.sql("select version from account where username = :u").param("u", USER).query(Long.class).single();
    }

    @Test
    void aPasswordResetElsewhereEndsTheSessionAtItsNextRequest() throws Exception {
        MockHttpSession session = signIn(DemoAccounts.PASSWORD);
        assertSignedIn(session);
        String[] temporary = new String[1];
        onAnotherInstance(() -> temporary[0] = SignIn.as(users, "admin", () -> accounts.resetPassword(id(), version())));
        assertEnded(session);
        // the new password opens a session that the moved stamp does not end
        assertSignedIn(signIn(temporary[0]));
    }

    @Test
    void aPasswordChangeInAnotherSessionEndsThisOneButNotTheOneThatChangedIt() throws Exception {
        MockHttpSession laptop = signIn(DemoAccounts.PASSWORD);
        MockHttpSession phone = signIn(DemoAccounts.PASSWORD);
        onAnotherInstance(() -> {
            MockHttpServletRequest request = new MockHttpServletRequest();
            request.setSession(laptop);
            request.setRemoteAddr("198.51.100.9");
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
            SignIn.as(users, USER, () -> {
                accounts.changeOwnPassword(DemoAccounts.PASSWORD, "a long and private phrase 42");
                return null;
            });
        });
        assertEnded(phone);
        assertSignedIn(laptop);
        assertSignedIn(laptop);
    }

    @Test
    void disablingTheAccountElsewhereEndsTheSession() throws Exception {
        MockHttpSession session = signIn(DemoAccounts.PASSWORD);
        onAnotherInstance(() -> SignIn.as(users, "admin", () -> {
            accounts.setEnabled(id(), version(), false, "left the office");
            return null;
        }));
        assertEnded(session);
    }

    @Test
    void aRoleChangeOrAnAdministratorsEndSessionsElsewhereEndsTheSession() throws Exception {
        MockHttpSession before = signIn(DemoAccounts.PASSWORD);
        onAnotherInstance(() -> SignIn.as(users, "admin", () -> {
            accounts.changeRoleAndRegion(id(), version(), Role.SUPERVISOR, "513400", "Other instance test");
            return null;
        }));
        assertEnded(before);
        MockHttpSession after = signIn(DemoAccounts.PASSWORD);
        onAnotherInstance(() -> SignIn.as(users, "admin", () -> accounts.endSessions(id())));
        assertEnded(after);
    }
}
