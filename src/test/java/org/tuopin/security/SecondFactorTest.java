package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

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
import org.tuopin.access.Role;
import org.tuopin.access.SecondFactor;
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
    @Autowired
    SecondFactorAttempts codeAttempts;
    @Autowired
    org.tuopin.audit.AuditTrail audit;
    @Autowired
    LoginAttempts loginAttempts;

    static final String USER = "totp.user";

    private void signedInAs(String username) {
        SignIn.as(users, username);
    }

    private String enrol() {
        enrolWithoutSecret();
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
        jdbc.sql("delete from refusal_tally where account = :u").param("u", USER).update();
        jdbc.sql("delete from sign_in_known_address where username = :u").param("u", USER).update();
        jdbc.sql("update role_policy set totp_required = false").update();
    }

    private int knownAddresses() {
        return jdbc.sql("select count(*) from sign_in_known_address where username = :u").param("u", USER)
                .query(Integer.class).single();
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

        assertThat(accounts.completeSecondFactor("12345").accepted()).isFalse();
        assertThat(knownAddresses()).as("a password without its code makes no address known").isZero();
        String code = Totp.code(secret, Totp.step(Instant.now()));
        assertThat(accounts.completeSecondFactor(code).accepted()).isTrue();
        assertThat(knownAddresses()).as("the whole sign-in makes its address known (DD022)").isEqualTo(1);
        assertThat(accounts.completeSecondFactor(code).accepted()).as("a code is good once").isFalse();
        assertThat(jdbc.sql("select count(*) from audit_entry where account = :u and action = 'SIGN_IN'")
                .param("u", USER).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theApiRefusesThePasswordOfAnAccountWithASecondFactorEvenWithACode() throws Exception {
        String secret = enrol();
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic(USER, DemoAccounts.PASSWORD)))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Bearer")))
                .andExpect(jsonPath("$.error", containsString("Use a personal API token")));
        // the header that used to carry a code opens nothing any more
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic(USER, DemoAccounts.PASSWORD))
                        .header("X-Tuopin-OTP", Totp.code(secret, Totp.step(Instant.now()))))
                .andExpect(status().isUnauthorized());
        // a wrong password still hears only "Unauthorized": nothing tells a guesser that the account has a second factor
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic(USER, "not the password at all")))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.error").value("Unauthorized"));
        jdbc.sql("update account set failed_attempts = 0 where username = :u").param("u", USER).update();
    }

    @Test
    void anAccountWhoseRoleRequiresASecondFactorNotYetSetUpIsRefusedByTheApi() throws Exception {
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic("clerk.nujiang", DemoAccounts.PASSWORD)))
                .andExpect(status().isOk());
        jdbc.sql("update role_policy set totp_required = true where role = 'DATA_ENTRY'").update();
        // the sign-in just remembered must not outlive the new requirement either
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic("clerk.nujiang", DemoAccounts.PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error", containsString("Set up two-factor sign-in in the application first")));
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic("auditor", DemoAccounts.PASSWORD)))
                .andExpect(status().isOk());
    }

    @Test
    void aRememberedApiSignInEndsWhenTheAccountTurnsOnItsSecondFactorOrChangesItsPassword() throws Exception {
        enrolWithoutSecret();
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic(USER, DemoAccounts.PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic(USER, DemoAccounts.PASSWORD))).andExpect(status().isOk());
        signedInAs(USER);
        String secret = Totp.newSecret();
        accounts.enableTotp(secret, Totp.code(secret, Totp.step(Instant.now())));
        SecurityContextHolder.clearContext();
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic(USER, DemoAccounts.PASSWORD)))
                .andExpect(status().isUnauthorized());

        jdbc.sql("update account set totp_secret = null where username = :u").param("u", USER).update();
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic(USER, DemoAccounts.PASSWORD))).andExpect(status().isOk());
        String otherHash = jdbc.sql("select password_hash from account where username = 'auditor'").query(String.class)
                .single();
        jdbc.sql("update account set password_hash = :h where username = :u").param("h", otherHash + "x")
                .param("u", USER).update();
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic(USER, DemoAccounts.PASSWORD)))
                .andExpect(status().isUnauthorized());
        jdbc.sql("update account set failed_attempts = 0 where username = :u").param("u", USER).update();
    }

    @Test
    void fiveWrongCodesLockTheAccountAndTheRightCodeIsThenRefusedUnchecked() {
        String secret = enrol();
        SecurityContextHolder.getContext().setAuthentication(authenticationManager.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(USER, DemoAccounts.PASSWORD)));
        String wrong = wrongCode(secret);
        for (int i = 1; i < SecondFactorAttempts.CODE_FAILURE_LIMIT; i++) {
            assertThat(accounts.completeSecondFactor(wrong).kind()).isEqualTo(AccountService.CodeOutcome.Kind.WRONG);
        }
        Instant before = Instant.now();
        AccountService.CodeOutcome fifth = accounts.completeSecondFactor(wrong);
        assertThat(fifth.kind()).isEqualTo(AccountService.CodeOutcome.Kind.LOCKED);
        assertThat(fifth.lockedUntil()).isBetween(before.plus(LoginAttempts.LOCK_DURATION).minusSeconds(1),
                Instant.now().plus(LoginAttempts.LOCK_DURATION));
        assertThat(jdbc.sql("select locked_until from account where username = :u").param("u", USER)
                .query(java.sql.Timestamp.class).single().toInstant())
                .isCloseTo(fifth.lockedUntil(), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));
        assertThat(auditReasons("LOCKED_OUT")).containsExactly("5 wrong one-time codes");

        String right = Totp.code(secret, Totp.step(Instant.now()));
        assertThat(accounts.completeSecondFactor(right).kind()).as("the right code, while locked")
                .isEqualTo(AccountService.CodeOutcome.Kind.LOCKED);
        for (int i = 0; i < 20; i++) {
            accounts.completeSecondFactor(wrong);
        }
        assertThat(auditReasons("SIGN_IN_FAILED")).as("each counted code is recorded, those refused unchecked are not")
                .hasSize(SecondFactorAttempts.CODE_FAILURE_LIMIT).last().isEqualTo("wrong one-time code (5 of 5)");
        assertThat(jdbc.sql("""
                        select coalesce(sum(cast(reasons ->> 'one-time code while locked' as int)), 0) from refusal_tally
                        where account = :u""").param("u", USER).query(Integer.class).single())
                .as("the codes refused unchecked are tallied for the per-minute entry (audit/RefusalTally)")
                .isEqualTo(21);
        assertThat(auditReasons("SIGN_IN")).isEmpty();
        // a new sign-in with the right password is refused too while the lock lasts
        assertThatThrownBy(() -> authenticationManager.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(USER, DemoAccounts.PASSWORD)))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void theCountOfWrongCodesIsSharedByEveryInstanceAndForgetsAfterFifteenMinutes() {
        enrol();
        for (int i = 1; i < SecondFactorAttempts.CODE_FAILURE_LIMIT; i++) {
            assertThat(codeAttempts.wrongCode(USER, "192.0.2.1")).isEmpty();
        }
        // another instance of the application: a new counter over the same database
        SecondFactorAttempts otherInstance = new SecondFactorAttempts(jdbc, audit, loginAttempts);
        jdbc.sql("update second_factor_failure set failed_at = failed_at - interval '16 minutes' where account_id = "
                + "(select id from account where username = :u)").param("u", USER).update();
        assertThat(otherInstance.wrongCode(USER, "192.0.2.2")).as("the four old ones have expired").isEmpty();
        for (int i = 2; i < SecondFactorAttempts.CODE_FAILURE_LIMIT; i++) {
            assertThat(otherInstance.wrongCode(USER, "192.0.2.2")).isEmpty();
        }
        assertThat(codeAttempts.wrongCode(USER, "192.0.2.1")).as("the fifth within the window, on the first instance")
                .isPresent();
    }

    @Test
    void twoRequestsWithTheSameCodeAtTheSameMomentLetOnlyOneIn() throws Exception {
        enrol();
        long id = jdbc.sql("select id from account where username = :u").param("u", USER).query(Long.class).single();
        long step = Totp.step(Instant.now()) + 10;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                long s = step + round;
                var start = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.Callable<Boolean> attempt = () -> {
                    start.await();
                    return codeAttempts.accept(id, s);
                };
                var a = pool.submit(attempt);
                var b = pool.submit(attempt);
                start.countDown();
                assertThat(List.of(a.get(), b.get())).as("round " + round).containsExactlyInAnyOrder(true, false);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(codeAttempts.accept(id, step)).as("an earlier step than the last accepted").isFalse();
    }

    private String wrongCode(String secret) {
        long now = Totp.step(Instant.now());
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            boolean matches = false;
            for (long s = now - 2; s <= now + 2; s++) {
                matches |= Totp.code(secret, s).equals(code);
            }
            if (!matches) {
                return code;
            }
        }
    }

    private List<String> auditReasons(String action) {
        // audit entries outlive the test account (the trail is append-only): only this test's count
        return jdbc.sql("""
                        select coalesce(reason, '') from audit_entry where account = :u and action = :a and seq > :s
                        order by seq""")
                .param("u", USER).param("a", action).param("s", firstSeq).query(String.class).list();
    }

    private long firstSeq;

    private void enrolWithoutSecret() {
        firstSeq = jdbc.sql("select coalesce(max(seq), 0) from audit_entry").query(Long.class).single();
        String hash = jdbc.sql("select password_hash from account where username = 'admin'").query(String.class).single();
        jdbc.sql("""
                        insert into account(username, display_name, password_hash, role, region_id)
                        values (:u, 'TOTP user', :h, 'DATA_ENTRY', (select id from region where code = '513400'))""")
                .param("u", USER).param("h", hash).update();
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
