package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.tuopin.Application;
import org.tuopin.access.Role;

/**
 * A real deployment's first start, on the embedded database (which no longer implies demo mode): without the demo
 * switch there are no demo accounts and administrators need a second factor; the first administrator comes from a
 * one-time setup secret in a file, which stops working once changed and is not applied again on a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
@Tag("own-jvm")
class FirstStartTest {

    private static final String SECRET = "first light over the river";

    private static ConfigurableApplicationContext start(Path dir, String... properties) {
        // command-line arguments win over the tests' config/application.properties, which switches demo mode on
        String[] args = Stream.concat(Stream.of("server.port=0", "tuopin.embedded-db.ephemeral=false",
                        "tuopin.embedded-db.dir=" + dir.resolve("pg")), Arrays.stream(properties))
                .map(p -> "--" + p).toArray(String[]::new);
        return new SpringApplicationBuilder(Application.class).run(args);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void withoutTheDemoSwitchAnEmbeddedDatabaseGetsNoDemoAccountAndTheLogSaysHowToCreateTheAdministrator(
            @TempDir Path dir, CapturedOutput output) {
        try (var app = start(dir, "tuopin.demo.enabled=false")) {
            assertThat(app.getBean(JdbcClient.class).sql("select count(*) from account").query(Integer.class).single())
                    .isZero();
            assertThatThrownBy(() -> signIn(app, "auditor", DemoAccounts.PASSWORD))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(output.getOut()).containsPattern("WARN .*No account exists and no setup secret was given, so nobody "
                + "can sign in\\. To create the first administrator 'admin', start once with "
                + "TUOPIN_BOOTSTRAP_ADMIN_PASSWORD_FILE=").doesNotContain("DEMO MODE");
    }

    @Test
    void theFirstAdministratorsSetupSecretFromAFileWorksOnceAndTheirSecondFactorIsRequired(@TempDir Path dir,
                                                                                          CapturedOutput output)
            throws Exception {
        Path secretFile = Files.writeString(dir.resolve("admin-secret"), SECRET + "\n");
        String fromFile = "tuopin.bootstrap-admin-password-file=" + secretFile;
        try (var app = start(dir, "tuopin.demo.enabled=false", fromFile)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select username || ':' || role || ':' || must_change_password from account")
                    .query(String.class).list()).containsExactly("admin:ADMIN:true");

            SecurityContextHolder.getContext().setAuthentication(signIn(app, "admin", SECRET));
            AccountService accounts = app.getBean(AccountService.class);
            assertThat(accounts.totpRequired(Role.ADMIN)).as("outside demo mode").isTrue();
            assertThat(accounts.totpSetupRequired()).isTrue();
            accounts.changeOwnPassword(SECRET, "a long and private phrase 42");
            SecurityContextHolder.clearContext();

            assertThatThrownBy(() -> signIn(app, "admin", SECRET)).isInstanceOf(BadCredentialsException.class);
            assertThat(signIn(app, "admin", "a long and private phrase 42").isAuthenticated()).isTrue();
        }
        assertThat(output.getOut()).contains("Created the first administrator 'admin' with the setup secret")
                .doesNotContain("DEMO MODE");

        // the secret is still mounted at the next start: it is not applied again
        try (var app = start(dir, "tuopin.demo.enabled=false", fromFile)) {
            assertThatThrownBy(() -> signIn(app, "admin", SECRET)).isInstanceOf(BadCredentialsException.class);
            assertThat(signIn(app, "admin", "a long and private phrase 42").isAuthenticated()).isTrue();
            assertThat(app.getBean(JdbcClient.class).sql("select must_change_password from account where username = 'admin'")
                    .query(Boolean.class).single()).isFalse();
        }
    }

    @Test
    void withTheDemoSwitchTheDemoAccountsExistAndTheLogWarnsLoudly(@TempDir Path dir, CapturedOutput output) {
        try (var app = start(dir, "tuopin.demo.enabled=true")) {
            assertThat(app.getBean(JdbcClient.class).sql("select username from account order by username")
                    .query(String.class).list()).containsExactly("admin", "auditor", "clerk.liangshan", "clerk.nujiang",
                    "supervisor", "supervisor.sichuan");
            SecurityContextHolder.getContext().setAuthentication(signIn(app, "admin", DemoAccounts.PASSWORD));
            assertThat(app.getBean(AccountService.class).totpRequired(Role.ADMIN)).as("demo mode").isFalse();
        }
        assertThat(output.getOut()).containsPattern("WARN .*DEMO MODE \\(tuopin\\.demo\\.enabled=true\\): the demo "
                + "accounts .* sign in with the published password tuopin-demo-2020");
    }

    @Test
    void demoAccountsLeftWithThePublishedPasswordAreDisabledOnceDemoModeIsOffAndTheSetupSecretTakesAdminBack(
            @TempDir Path dir, CapturedOutput output) throws Exception {
        String own = "a long and private phrase 42";
        try (var app = start(dir, "tuopin.demo.enabled=true")) {
            // the Sichuan supervisor chose a password of her own while the deployment was in demo mode
            SecurityContextHolder.getContext().setAuthentication(signIn(app, "supervisor.sichuan", DemoAccounts.PASSWORD));
            app.getBean(AccountService.class).changeOwnPassword(DemoAccounts.PASSWORD, own);
            SecurityContextHolder.clearContext();
        }
        try (var app = start(dir, "tuopin.demo.enabled=false")) {
            for (String name : List.of("admin", "supervisor", "auditor", "clerk.liangshan", "clerk.nujiang")) {
                assertThatThrownBy(() -> signIn(app, name, DemoAccounts.PASSWORD)).as(name)
                        .isInstanceOf(BadCredentialsException.class);
            }
            assertThat(signIn(app, "supervisor.sichuan", own).isAuthenticated()).isTrue();
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(jdbc.sql("""
                            select entity_id from audit_entry where action = 'ACCOUNT_DISABLED' and reason = :why
                            order by entity_id""").param("why", DemoAccounts.LEFT_OVER).query(String.class).list())
                    .containsExactly("admin", "auditor", "clerk.liangshan", "clerk.nujiang", "supervisor");
        }
        assertThat(output.getOut()).contains("still had the published password: they are disabled now")
                .containsPattern("WARN .*No enabled administrator bound to the country exists and no setup secret was "
                        + "given");

        // the operator gives a setup secret: the disabled 'admin' comes back with it, to be changed at once
        Path secretFile = Files.writeString(dir.resolve("admin-secret"), SECRET);
        try (var app = start(dir, "tuopin.demo.enabled=false", "tuopin.bootstrap-admin-password-file=" + secretFile)) {
            assertThatThrownBy(() -> signIn(app, "admin", DemoAccounts.PASSWORD)).isInstanceOf(BadCredentialsException.class);
            assertThat(signIn(app, "admin", SECRET).isAuthenticated()).isTrue();
            assertThat(app.getBean(JdbcClient.class).sql("select must_change_password from account where username = 'admin'")
                    .query(Boolean.class).single()).isTrue();
            // the other demo accounts stay disabled
            assertThatThrownBy(() -> signIn(app, "auditor", DemoAccounts.PASSWORD)).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(output.getOut()).contains("Took back the first administrator 'admin' with the setup secret");
    }

    private static Authentication signIn(ConfigurableApplicationContext app, String username, String password) {
        return app.getBean(AuthenticationManager.class)
                .authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
    }
}
