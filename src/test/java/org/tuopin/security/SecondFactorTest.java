package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.base.UserError;
import org.tuopin.figures.FigureFilter;
import org.tuopin.figures.FigureQueryService;

/** Enrolment, the two-step sign-in, replay refusal, the API header, and a role that requires it. */
@TuopinTest
class SecondFactorTest {

    @Autowired
    AccountService accounts;
    @Autowired
    AuthenticationManager authenticationManager;
    @Autowired
    UserDetailsService users;
    @Autowired
    FigureQueryService figures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    static final String USER = "totp.user";

    private void signedInAs(String username) {
        SignIn.as(users, username);
    }

    private String enrol() {
        String hash = jdbc.sql("select password_hash from account where username = 'admin'").query(String.class).single();
        jdbc.sql("""
                        insert into account(username, display_name, password_hash, role, region_id)
                        values (:u, 'TOTP user', :h, 'DATA_ENTRY', (select id from region where code = '513400'))""")
                .param("u", USER).param("h", hash).update();
        signedInAs(USER);
        String secret = Totp.newSecret();
        assertThatThrownBy(() -> accounts.enableTotp(secret, "000000".equals(Totp.code(secret, Totp.step(Instant.now())))
                ? "111111" : "000000"))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.messageKey()).isEqualTo("totp.wrongCode"));
        accounts.enableTotp(secret, Totp.code(secret, Totp.step(Instant.now())));
        assertThat(accounts.totpEnabled()).isTrue();
        SecurityContextHolder.clearContext();
        // the step used for enrolling is spent; the next sign-in must use a later one
        jdbc.sql("update account set last_totp_step = last_totp_step - 5 where username = :u").param("u", USER).update();
        return secret;
    }

    @AfterEach
    void cleanUp() {
        SecurityContextHolder.clearContext();
        jdbc.sql("delete from account where username = :u").param("u", USER).update();
        jdbc.sql("update role_policy set totp_required = false").update();
    }

    @Test
    void aCorrectPasswordAloneGivesNoRoleAndNoScope() {
        String secret = enrol();
        String stored = jdbc.sql("select totp_secret from account where username = :u").param("u", USER)
                .query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(secret);

        Authentication half = authenticationManager.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(USER, DemoAccounts.PASSWORD));
        assertThat(half.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly(SecondFactor.PENDING);
        SecurityContextHolder.getContext().setAuthentication(half);
        assertThatThrownBy(() -> figures.count(FigureFilter.none()))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);

        assertThat(accounts.completeSecondFactor("12345")).isFalse();
        String code = Totp.code(secret, Totp.step(Instant.now()));
        assertThat(accounts.completeSecondFactor(code)).isTrue();
        assertThat(accounts.completeSecondFactor(code)).as("a code is good once").isFalse();
        assertThat(jdbc.sql("select count(*) from audit_entry where account = :u and action = 'SIGN_IN'")
                .param("u", USER).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theApiWantsTheCodeInAHeader() throws Exception {
        String secret = enrol();
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic(USER, DemoAccounts.PASSWORD)))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic(USER, DemoAccounts.PASSWORD))
                        .header(ProtectedAuthenticationProvider.CODE_HEADER, Totp.code(secret, Totp.step(Instant.now()))))
                .andExpect(status().isOk());
    }

    @Test
    void aWrongPasswordStillFailsBeforeAnyCodeIsAsked() {
        enrol();
        assertThatThrownBy(() -> authenticationManager.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(USER, "wrong password here")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void anAdministratorCanRequireItForARole() {
        String secret = enrol();
        signedInAs("admin");
        accounts.setTotpRequired(Role.DATA_ENTRY, true);
        assertThat(accounts.totpRequired(Role.DATA_ENTRY)).isTrue();
        assertThat(accounts.totpRequired(Role.AUDITOR)).isFalse();
        assertThat(accounts.totpRequired(Role.ADMIN)).as("demo mode: administrators choose").isFalse();

        signedInAs("clerk.nujiang");
        assertThat(accounts.totpSetupRequired()).isTrue();
        signedInAs(USER);
        assertThat(accounts.totpSetupRequired()).isFalse();
        assertThatThrownBy(() -> accounts.disableTotp(Totp.code(secret, Totp.step(Instant.now()))))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.messageKey()).isEqualTo("totp.required"));
        assertThat(List.of(accounts.totpEnabled())).containsExactly(true);
    }
}
