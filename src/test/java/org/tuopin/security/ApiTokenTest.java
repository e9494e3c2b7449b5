package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;

/** Personal API tokens on the API: who gets in with one, who not, and what the audit trail keeps of each use. */
@TuopinTest
class ApiTokenTest {

    static final String USER = "token.user";
    static final String PROVINCIAL_ADMIN = "admin.yunnan";

    @Autowired
    ApiTokenService tokens;
    @Autowired
    AccountService accounts;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    long firstSeq;

    @BeforeEach
    void anAccountWithoutTokens() {
        firstSeq = jdbc.sql("select coalesce(max(seq), 0) from audit_entry").query(Long.class).single();
        String hash = jdbc.sql("select password_hash from account where username = 'admin'").query(String.class).single();
        for (String[] a : new String[][]{{USER, "DATA_ENTRY", "513400"}, {PROVINCIAL_ADMIN, "ADMIN", "530000"}}) {
            jdbc.sql("""
                            insert into account(username, display_name, password_hash, role, region_id)
                            values (:u, 'Token test', :h, :r, (select id from region where code = :c))""")
                    .param("u", a[0]).param("h", hash).param("r", a[1]).param("c", a[2]).update();
        }
    }

    @AfterEach
    void cleanUp() {
        jdbc.sql("delete from account where username in (:u)").param("u", List.of(USER, PROVINCIAL_ADMIN)).update();
        jdbc.sql("update role_policy set totp_required = false").update();
    }

    private ApiTokenService.Created create(String name, int days) {
        return SignIn.as(users, USER, () -> tokens.create(name, days));
    }

    private static MockHttpServletRequestBuilder figures(String token) {
        return get("/api/v1/figures.csv").header("Authorization", "Bearer " + token);
    }

    @Test
    void aTokenOpensTheApiAsItsAccountAndEveryUseIsAudited() throws Exception {
        ApiTokenService.Created created = create("monthly export", 30);
        assertThat(created.secret()).startsWith(ApiTokenService.PREFIX).hasSize(ApiTokenService.PREFIX.length() + 43);
        String stored = jdbc.sql("select token_hash from api_token where id = :id").param("id", created.token().id())
                .query(String.class).single();
        assertThat(stored).hasSize(64).isNotEqualTo(created.secret()).doesNotContain(created.secret().substring(11));

        mvc.perform(figures(created.secret()).param("region", "513400")).andExpect(status().isOk());
        mvc.perform(figures(created.secret()).param("region", "533300"))
                .andExpect(status().isNotFound()); // the account's scope, not more
        ApiTokenRow used = SignIn.as(users, USER, () -> tokens.own()).getFirst();
        assertThat(used.lastUsedAt()).isAfter(Instant.now().minusSeconds(60));
        assertThat(used.lastUsedFrom()).isEqualTo("127.0.0.1");

        assertThat(jdbc.sql("""
                        select action || ' ' || coalesce(reason, '') from audit_entry
                        where account = :u and seq > :s order by seq""")
                .param("u", USER).param("s", firstSeq).query(String.class).list())
                .as("the export the request made is audited by its service as the account, like any other")
                .containsExactly("API_TOKEN_CREATED ",
                        "API_TOKEN_USED token " + created.token().hint() + ": GET /api/v1/figures.csv",
                        "EXPORT_STARTED ", "EXPORT ",
                        "API_TOKEN_USED token " + created.token().hint() + ": GET /api/v1/figures.csv");
    }

    @Test
    void aWrongExpiredOrRevokedTokenIsRefused() throws Exception {
        mvc.perform(figures(ApiTokenService.PREFIX + "x".repeat(43))).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error", containsString("The API token is not valid")));
        mvc.perform(figures("not-even-a-token")).andExpect(status().isUnauthorized());

        ApiTokenService.Created expiring = create("expiring", 7);
        jdbc.sql("update api_token set created_at = now() - interval '8 days', expires_at = now() - interval '1 second' "
                + "where id = :id").param("id", expiring.token().id()).update();
        mvc.perform(figures(expiring.secret())).andExpect(status().isUnauthorized());

        ApiTokenService.Created revoked = create("revoked", 7);
        mvc.perform(figures(revoked.secret())).andExpect(status().isOk());
        SignIn.as(users, USER, () -> {
            tokens.revokeOwn(revoked.token().id());
            return null;
        });
        mvc.perform(figures(revoked.secret())).andExpect(status().isUnauthorized());
        assertThat(SignIn.as(users, USER, () -> tokens.own())).extracting(t -> t.status(Instant.now()))
                .containsExactly(ApiTokenRow.Status.REVOKED, ApiTokenRow.Status.EXPIRED);
        assertThatThrownBy(() -> SignIn.as(users, USER, () -> {
            tokens.revokeOwn(revoked.token().id());
            return null;
        })).as("revoked once only").isInstanceOf(NotFoundException.class);
    }

    @Test
    void aDisabledOrLockedAccountsTokenIsRefused() throws Exception {
        ApiTokenService.Created created = create("script", 30);
        jdbc.sql("update account set enabled = false where username = :u").param("u", USER).update();
        mvc.perform(figures(created.secret())).andExpect(status().isUnauthorized());
        jdbc.sql("update account set enabled = true, locked_until = now() + interval '10 minutes' where username = :u")
                .param("u", USER).update();
        mvc.perform(figures(created.secret())).andExpect(status().isUnauthorized());
        jdbc.sql("update account set locked_until = null where username = :u").param("u", USER).update();
        mvc.perform(figures(created.secret())).andExpect(status().isOk());
    }

    @Test
    void aPasswordResetEndsTheAccountsTokensWithAnAuditEntryEach() throws Exception {
        ApiTokenService.Created first = create("nightly", 30);
        ApiTokenService.Created second = create("monthly", 30);
        mvc.perform(figures(first.secret())).andExpect(status().isOk());
        long id = jdbc.sql("select id from account where username = :u").param("u", USER).query(Long.class).single();
        long version = jdbc.sql("select version from account where id = :id").param("id", id).query(Long.class).single();
        SignIn.as(users, "admin", () -> accounts.resetPassword(id, version));

        mvc.perform(figures(first.secret())).andExpect(status().isUnauthorized());
        mvc.perform(figures(second.secret())).andExpect(status().isUnauthorized());
        assertThat(SignIn.as(users, USER, () -> tokens.own())).extracting(t -> t.status(Instant.now()))
                .containsOnly(ApiTokenRow.Status.REVOKED);
        assertThat(jdbc.sql("""
                        select account || ' ' || coalesce(reason, '') from audit_entry
                        where action = 'API_TOKEN_REVOKED' and entity_id = :u and seq > :s""")
                .param("u", USER).param("s", firstSeq).query(String.class).list())
                .containsExactly("admin password reset", "admin password reset");
    }

    @Test
    void anAccountWithASecondFactorUsesATokenWhereItsPasswordIsRefused() throws Exception {
        SignIn.as(users, USER, () -> {
            String secret = Totp.newSecret();
            accounts.enableTotp(secret, Totp.code(secret, Totp.step(Instant.now())));
            return null;
        });
        ApiTokenService.Created created = create("script", 30);
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic(USER, DemoAccounts.PASSWORD)))
                .andExpect(status().isUnauthorized());
        mvc.perform(figures(created.secret())).andExpect(status().isOk());
    }

    @Test
    void aRoleThatRequiresASecondFactorNeedsItSetUpBeforeTokensAreMadeOrUsed() throws Exception {
        ApiTokenService.Created earlier = create("made before the rule", 30);
        jdbc.sql("update role_policy set totp_required = true where role = 'DATA_ENTRY'").update();
        assertThatThrownBy(() -> create("after the rule", 30))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.messageKey()).isEqualTo("tokens.error.totpFirst"));
        mvc.perform(figures(earlier.secret())).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error", containsString("Set up two-factor sign-in in the application first")));
    }

    @Test
    void aTokenNeedsANameAndAnExpiryOfAtMostAYear() {
        for (String name : new String[]{"", "   ", "x".repeat(81)}) {
            assertThatThrownBy(() -> create(name, 30)).isInstanceOfSatisfying(UserError.class,
                    e -> assertThat(e.messageKey()).isEqualTo("tokens.error.name"));
        }
        for (int days : new int[]{0, -1, ApiTokenService.MAX_DAYS + 1}) {
            assertThatThrownBy(() -> create("script", days)).isInstanceOfSatisfying(UserError.class,
                    e -> assertThat(e.messageKey()).isEqualTo("tokens.error.expiry"));
        }
        ApiTokenRow longest = create("script", ApiTokenService.MAX_DAYS).token();
        assertThat(longest.expiresAt()).isBetween(Instant.now().plusSeconds(364 * 86_400L),
                Instant.now().plusSeconds(365 * 86_400L + 60));
    }

    @Test
    void anAdministratorSeesAndRevokesTheTokensOfAccountsInTheirScopeOnly() throws Exception {
        ApiTokenService.Created created = create("script", 30);
        long owner = jdbc.sql("select id from account where username = :u").param("u", USER).query(Long.class).single();
        assertThatThrownBy(() -> SignIn.as(users, PROVINCIAL_ADMIN, () -> tokens.ofAccount(owner)))
                .as("Sichuan's account, for Yunnan's administrator").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> SignIn.as(users, PROVINCIAL_ADMIN, () -> {
            tokens.revokeAsAdministrator(owner, created.token().id());
            return null;
        })).isInstanceOf(NotFoundException.class);
        mvc.perform(figures(created.secret())).andExpect(status().isOk());

        assertThat(SignIn.as(users, "admin", () -> tokens.ofAccount(owner))).extracting(ApiTokenRow::name)
                .containsExactly("script");
        SignIn.as(users, "admin", () -> {
            tokens.revokeAsAdministrator(owner, created.token().id());
            return null;
        });
        mvc.perform(figures(created.secret())).andExpect(status().isUnauthorized());
        assertThat(SignIn.as(users, USER, () -> tokens.own()).getFirst().revokedBy()).isEqualTo("admin");
        assertThat(jdbc.sql("""
                        select account from audit_entry where action = 'API_TOKEN_REVOKED' and entity_id = :u and seq > :s""")
                .param("u", USER).param("s", firstSeq).query(String.class).list()).containsExactly("admin");
    }
}
