package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tuopin.TuopinTest;

/** Sign-in as an attacker meets it: lockout, throttling, one message for every refusal, fresh sessions. */
@TuopinTest
class LoginProtectionTest {

    static final String PASSWORD = DemoAccounts.PASSWORD;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LoginAttempts attempts;
    @Autowired
    SessionRegistry sessionRegistry;
    @Autowired
    AccountService accounts;
    @Autowired
    Environment environment;

    @BeforeEach
    void createVictims() {
        String hash = jdbc.sql("select password_hash from account where username = 'admin'").query(String.class).single();
        for (String user : new String[]{"victim.form", "victim.api", "victim.throttle", "victim.sessions"}) {
            jdbc.sql("""
                            insert into account(username, display_name, password_hash, role, region_id)
                            values (:u, :u, :h, 'DATA_ENTRY', (select id from region where code = '513400'))
                            on conflict (username) do update
                                set failed_attempts = 0, failures_since = null, locked_until = null, enabled = true,
                                    password_hash = :h""")
                    .param("u", user).param("h", hash).update();
        }
    }

    @AfterEach
    void forgetClients() {
        attempts.forgetClients();
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    /** What the login page's form posts. */
    private static MockHttpServletRequestBuilder loginForm(String user, String password, String client) {
        return post("/login").param("username", user).param("password", password).with(csrf()).with(from(client));
    }

    private MvcResult signIn(String user, String password, String client) throws Exception {
        return mvc.perform(loginForm(user, password, client)).andReturn();
    }

    private static String refusal(MvcResult result) {
        Object e = result.getRequest().getSession().getAttribute("SPRING_SECURITY_LAST_EXCEPTION");
        return e == null ? null : ((Exception) e).getMessage();
    }

    @Test
    void unknownUserWrongPasswordAndLockedAccountGetTheSameAnswer() throws Exception {
        MvcResult unknown = signIn("nobody.at.all", "whatever-password", "10.0.0.1");
        MvcResult wrong = signIn("victim.form", "not-the-password", "10.0.0.1");
        assertThat(unknown.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(wrong.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(refusal(unknown)).isEqualTo(refusal(wrong)).isEqualTo("Bad credentials");
    }

    @Test
    void fiveFailuresInARowLockTheAccountForFifteenMinutes() throws Exception {
        for (int i = 0; i < 4; i++) {
            signIn("victim.form", "wrong-" + i, "10.0.0.2");
        }
        assertThat(signIn("victim.form", PASSWORD, "10.0.0.2").getResponse().getRedirectedUrl())
                .as("a success before the fifth failure resets the count").isEqualTo("/");
        for (int i = 0; i < 5; i++) {
            signIn("victim.form", "wrong-" + i, "10.0.0.2");
        }
        Instant lockedUntil = jdbc.sql("""
                        select locked_until from sign_in_failure
                        where username = 'victim.form' and client_address = '10.0.0.2'""")
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(Duration.between(Instant.now(), lockedUntil)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));

        MvcResult locked = signIn("victim.form", PASSWORD, "10.0.0.2");
        assertThat(locked.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(refusal(locked)).isEqualTo("Bad credentials");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'LOCKED_OUT' and entity_id = 'victim.form'")
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(signIn("victim.form", PASSWORD, "10.0.0.12").getResponse().getRedirectedUrl())
                .as("locked for the guessing address only: the owner elsewhere still signs in").isEqualTo("/");
    }

    @Test
    void manyFailuresFromEverywhereLockTheAccountForAddressesItNeverSignedInFrom() throws Exception {
        assertThat(signIn("victim.form", PASSWORD, "10.0.3.1").getResponse().getRedirectedUrl()).isEqualTo("/");
        // a distributed guesser: one failure from each of many addresses, never five from one
        for (int i = 0; i < LoginAttempts.ACCOUNT_WIDE_LIMIT - 1; i++) {
            attempts.failed("victim.form", "10.0.4." + i, "BadCredentialsException");
        }
        signIn("victim.form", "wrong", "10.0.4.250");
        assertThat(jdbc.sql("select locked_until > now() from account where username = 'victim.form'")
                .query(Boolean.class).single()).isTrue();
        assertThat(signIn("victim.form", PASSWORD, "10.0.4.251").getResponse().getRedirectedUrl())
                .as("a new address is refused, even with the right password").isEqualTo("/login?error");
        assertThat(signIn("victim.form", PASSWORD, "10.0.3.1").getResponse().getRedirectedUrl())
                .as("the owner's own office still signs in").isEqualTo("/");
    }

    @Test
    void anInventedForwardedForIsIgnoredWithoutTrustedProxies() throws Exception {
        mvc.perform(loginForm("nobody.forwarded", "wrong", "10.0.5.1").header("X-Forwarded-For", "10.0.5.99")
                .header("Forwarded", "for=10.0.5.98"));
        assertThat(jdbc.sql("select client_address from sign_in_failure where username = 'nobody.forwarded'")
                .query(String.class).list()).containsExactly("10.0.5.1");
    }

    @Test
    void anAdministratorCanUnlock() throws Exception {
        for (int i = 0; i < 5; i++) {
            signIn("victim.form", "wrong-" + i, "10.0.0.3");
        }
        asAdmin(() -> {
            long id = jdbc.sql("select id from account where username = 'victim.form'").query(Long.class).single();
            long version = jdbc.sql("select version from account where username = 'victim.form'").query(Long.class).single();
            accounts.unlock(id, version);
        });
        assertThat(signIn("victim.form", PASSWORD, "10.0.0.3").getResponse().getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void theSameRulesGuardTheApi() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/v1/figures.csv").with(httpBasic("victim.api", "wrong-" + i)).with(from("10.0.0.4")))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic("victim.api", PASSWORD)).with(from("10.0.0.4")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aRememberedApiSignInEndsAtOnceWhenTheAccountIsDisabledOrGetsANewPassword() throws Exception {
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic("victim.api", PASSWORD)).with(from("10.0.0.8")))
                .andExpect(status().isOk());
        jdbc.sql("update account set enabled = false where username = 'victim.api'").update();
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic("victim.api", PASSWORD)).with(from("10.0.0.8")))
                .andExpect(status().isUnauthorized());
        jdbc.sql("update account set enabled = true where username = 'victim.api'").update();
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic("victim.api", PASSWORD)).with(from("10.0.0.8")))
                .andExpect(status().isOk());
        // a new password (another hash): the old one is checked again, and refused
        String other = jdbc.sql("select password_hash from account where username = 'auditor'").query(String.class).single();
        jdbc.sql("update account set password_hash = :h where username = 'victim.api'").param("h", other + "x").update();
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic("victim.api", PASSWORD)).with(from("10.0.0.8")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void oneClientCannotTryManyAccountsQuickly() throws Exception {
        for (int i = 0; i < LoginAttempts.CLIENT_FAILURE_LIMIT; i++) {
            signIn("guess" + i, "password-" + i, "10.9.9.9");
        }
        assertThat(signIn("victim.throttle", PASSWORD, "10.9.9.9").getResponse().getRedirectedUrl())
                .as("the throttled client is refused even with the right password").isEqualTo("/login?error");
        assertThat(signIn("victim.throttle", PASSWORD, "10.1.1.1").getResponse().getRedirectedUrl())
                .as("another client is not affected").isEqualTo("/");
    }

    @Test
    void aThrottledOfficeAddressStillLetsInItsOwnAccountsWithTheRightPassword() throws Exception {
        // a provincial office behind one NAT: a colleague has signed in from it before
        assertThat(signIn("victim.sessions", PASSWORD, "10.9.9.8").getResponse().getRedirectedUrl()).isEqualTo("/");
        for (int i = 0; i < LoginAttempts.CLIENT_FAILURE_LIMIT; i++) {
            signIn("guess" + i, "password-" + i, "10.9.9.8");
        }
        assertThat(signIn("victim.throttle", PASSWORD, "10.9.9.8").getResponse().getRedirectedUrl())
                .as("an account new to the throttled address is refused").isEqualTo("/login?error");
        assertThat(signIn("victim.sessions", PASSWORD, "10.9.9.8").getResponse().getRedirectedUrl())
                .as("an account known at the address is still checked, and gets in").isEqualTo("/");
    }

    @Test
    void signingInGivesANewSessionIdAndSignInsAreAudited() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String before = session.getId();
        MvcResult result = mvc.perform(loginForm("victim.sessions", PASSWORD, "10.0.0.5").session(session)).andExpect(redirectedUrl("/")).andReturn();
        assertThat(result.getRequest().getSession().getId()).isNotEqualTo(before);
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry where action = 'SIGN_IN' and account = 'victim.sessions'
                          and client_address = '10.0.0.5'""").query(Integer.class).single()).isPositive();
    }

    @Test
    void signingOutIsAudited() throws Exception {
        MvcResult result = signIn("victim.sessions", PASSWORD, "10.0.0.7");
        MockHttpSession session = (MockHttpSession) result.getRequest().getSession();
        mvc.perform(post("/logout").session(session).with(csrf()).with(from("10.0.0.7")))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry where action = 'SIGN_OUT' and account = 'victim.sessions'
                          and client_address = '10.0.0.7'""").query(Integer.class).single()).isEqualTo(1);
        mvc.perform(get("/figures").session(session)).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", containsString("/login")));
    }

    @Test
    void anAdministratorCanEndAllSessionsOfAnAccount() throws Exception {
        MvcResult result = signIn("victim.sessions", PASSWORD, "10.0.0.6");
        MockHttpSession session = (MockHttpSession) result.getRequest().getSession();
        assertThat(sessionRegistry.getSessionInformation(session.getId())).isNotNull();

        asAdmin(() -> {
            long id = jdbc.sql("select id from account where username = 'victim.sessions'").query(Long.class).single();
            assertThat(accounts.endSessions(id)).isPositive();
        });
        assertThat(sessionRegistry.getSessionInformation(session.getId()).isExpired()).isTrue();
        mvc.perform(get("/figures").session(session)).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", containsString("/login")));
    }

    @Test
    void sessionsTimeOutAfterThirtyIdleMinutes() {
        assertThat(environment.getProperty("server.servlet.session.timeout", Duration.class))
                .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void responsesCarryTheSecurityHeaders() throws Exception {
        for (String url : new String[]{"/figures", "/api/v1/figures.csv"}) {
            mvc.perform(get(url))
                    .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'self'")))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin"));
        }
    }

    private void asAdmin(Runnable action) {
        var admin = jdbc.sql("select username from account where username = 'admin'").query(String.class).single();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(admin, null,
                java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_ADMIN"))));
        try {
            action.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
