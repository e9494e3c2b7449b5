package org.tuopin.base;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;

import java.sql.Statement;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tuopin.Application;

/**
 * The application as a newcomer starts it: on its own embedded PostgreSQL, whose data survives a restart
 * and whose reference data is loaded once; or on an external PostgreSQL, where nothing embedded starts
 * and, as in a real deployment without the demo switch (security/FirstStartTest), no demo account is created.
 */
@ExtendWith(OutputCaptureExtension.class)
@Tag("own-jvm")
class DatabaseModesTest {

    private static ConfigurableApplicationContext start(String... properties) {
        // command-line arguments, so that they win over the tests' config/application.properties
        String[] args = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of("server.port=0", "tuopin.embedded-db.ephemeral=false"),
                        java.util.Arrays.stream(properties))
                .map(p -> "--" + p).toArray(String[]::new);
        return new SpringApplicationBuilder(Application.class).run(args);
    }

    @Test
    void theEmbeddedDatabaseKeepsItsDataAcrossRestartsAndLoadsTheReferenceDataOnce(@TempDir Path dir,
                                                                                  CapturedOutput output) {
        String dataDir = "tuopin.embedded-db.dir=" + dir.resolve("pg");
        try (var app = start(dataDir)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(app.getBean(DatabaseInfo.class).embedded()).isTrue();
            assertThat(jdbc.sql("select count(*) from figure_value").query(Integer.class).single()).isEqualTo(123);
            jdbc.sql("update account set display_name = 'Renamed before restart' where username = 'auditor'").update();
        }
        assertThat(output.getOut()).containsPattern("Database in use: embedded PostgreSQL 17 .*" + dir.resolve("pg"));

        try (var app = start(dataDir)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select display_name from account where username = 'auditor'").query(String.class)
                    .single()).isEqualTo("Renamed before restart");
            assertThat(jdbc.sql("select count(*) from figure_value").query(Integer.class).single()).isEqualTo(123);
            assertThat(jdbc.sql("select count(*) from account").query(Integer.class).single()).isEqualTo(6);
        }
    }

    @Test
    void withADatasourceUrlTheAppUsesThatDatabaseAndCreatesNoDemoAccounts(CapturedOutput output) throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start();
             var app = start("spring.datasource.url=" + external.getJdbcUrl("postgres", "postgres"),
                     "spring.datasource.username=postgres", "tuopin.demo.enabled=false",
                     "tuopin.bootstrap-admin-password=first light over the river")) {
            assertThat(app.getBean(DatabaseInfo.class).embedded()).isFalse();
            assertThat(app.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            // no demo accounts: only the first administrator, who must choose a new password
            assertThat(jdbc.sql("select username || ':' || role || ':' || must_change_password from account")
                    .query(String.class).list()).containsExactly("admin:ADMIN:true");
            assertThat(jdbc.sql("select count(*) from figure_value").query(Integer.class).single()).isEqualTo(123);
            assertThat(output.getOut()).contains("Database in use: external PostgreSQL at jdbc:postgresql://localhost:"
                    + external.getPort());
        }
    }

    @Test
    void theComposeFilesRolesScriptLeavesTheApplicationAnAppendOnlyTrail() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
            // what the postgres image does on first start: POSTGRES_DB=tuopin, then docker/db-roles.sh runs
            // db-roles.sql with psql, its variables quoted as psql's :'name' quotes them
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database tuopin");
            }
            String script = Files.readString(Path.of("docker", "db-roles.sql"))
                    .replace(":'owner_password'", "'owner secret'").replace(":'app_password'", "'app secret'");
            try (Connection c = server.getDatabase("postgres", "tuopin").getConnection(); Statement s = c.createStatement()) {
                for (String statement : script.replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
            }
            // as in docker-compose.yml: the URL names no user (the embedded server's own URL would name postgres)
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/tuopin";
            // the app service's environment in docker-compose.yml
            try (var app = start("spring.datasource.url=" + url, "spring.datasource.username=tuopin_app",
                    "spring.datasource.password=app secret", "spring.flyway.user=tuopin_owner",
                    "spring.flyway.password=owner secret", "tuopin.demo.enabled=false",
                    "tuopin.bootstrap-admin-password=first light over the river")) {
                JdbcClient jdbc = app.getBean(JdbcClient.class);
                assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("tuopin_app");
                assertThat(jdbc.sql("select tableowner from pg_tables where tablename = 'audit_entry'")
                        .query(String.class).single()).isEqualTo("tuopin_owner");
                assertThat(jdbc.sql("select count(*) from figure_value").query(Integer.class).single()).isEqualTo(123);
                // the application appends to the trail...
                app.getBean(org.tuopin.audit.AuditTrail.class).record(new org.tuopin.audit.AuditTrail.Event(
                        new org.tuopin.audit.AuditTrail.Actor("admin", "ADMIN"), org.tuopin.audit.AuditAction.COMMENT,
                        "report", "compose-check", null, java.util.List.of(), "appended as tuopin_app"));
                assertThat(jdbc.sql("select count(*) from audit_entry where reason = 'appended as tuopin_app'")
                        .query(Integer.class).single()).isEqualTo(1);
                // ...and can neither change nor remove what is in it
                for (String tamper : java.util.List.of("update audit_entry set reason = 'rewritten'",
                        "delete from audit_entry", "truncate audit_entry",
                        "alter table audit_entry disable trigger all")) {
                    assertThatThrownBy(() -> jdbc.sql(tamper).update()).as(tamper)
                            .rootCause().hasMessageMatching(
                                    "(?s)ERROR: (permission denied for table|must be owner of table) audit_entry.*");
                }
            }
        }
    }
}
