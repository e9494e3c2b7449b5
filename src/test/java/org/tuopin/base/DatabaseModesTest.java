package org.tuopin.base;

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
}
