package org.tuopin.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.tuopin.Application;
import org.tuopin.figures.ReportModels.InboxItem;
import org.tuopin.figures.ReportService;
import org.tuopin.referencedata.V2__Reference_data;

/**
 * The application with {@code tuopin.datasource.replica.url} set, against a second PostgreSQL that plays the
 * streaming replica: the same migrations, then a copy of every row of the primary (as a base backup would give),
 * then a marker that only the replica holds. Read-only transactions (the export, the grids) must see the marker;
 * writes, the export's own audit entry, the report form and the inbox must go to the primary.
 */
@Tag("own-jvm")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadReplicaTest {

    static final String PASSWORD = "tuopin-demo-2020";
    static final String MARKER = "only on the replica";

    EmbeddedPostgres replica;
    ConfigurableApplicationContext app;
    JdbcClient primaryDb;
    JdbcClient replicaDb;
    String base;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        replica = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(replica.getPostgresDatabase()).locations("classpath:db/migration")
                .javaMigrations(new V2__Reference_data()).load().migrate();
        app = new SpringApplicationBuilder(Application.class).run("--server.port=0",
                "--tuopin.datasource.replica.url=" + replica.getJdbcUrl("postgres", "postgres"),
                "--tuopin.datasource.replica.maximum-pool-size=3");
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        DataSource primary = app.getBean(EmbeddedPostgres.class).getPostgresDatabase();
        copyEveryRow(primary, replica.getPostgresDatabase());
        primaryDb = JdbcClient.create(primary);
        replicaDb = JdbcClient.create(replica.getPostgresDatabase());
        replicaDb.sql("update figure_value set note = :marker where id = (select min(id) from figure_value)")
                .param("marker", MARKER).update();
    }

    /** What a base backup gives a new replica: every row of the primary at one moment (triggers off while copying). */
    private static void copyEveryRow(DataSource from, DataSource to) throws Exception {
        try (Connection source = from.getConnection(); Connection target = to.getConnection()) {
            List<String> tables = JdbcClient.create(from).sql(
                    "select quote_ident(tablename) from pg_tables where schemaname = 'public'").query(String.class).list();
            target.createStatement().execute("set session_replication_role = replica");
            target.createStatement().execute("truncate " + String.join(", ", tables));
            for (String table : tables) {
                ByteArrayOutputStream rows = new ByteArrayOutputStream();
                source.unwrap(PGConnection.class).getCopyAPI().copyOut("copy " + table + " to stdout", rows);
                target.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " from stdin",
                        new ByteArrayInputStream(rows.toByteArray()));
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void aReadOnlyExportReadsTheReplicaAndItsAuditEntryLandsOnThePrimary() throws Exception {
        assertThat(app.getBean(DataSource.class)).isInstanceOfSatisfying(LazyConnectionDataSourceProxy.class,
                // the primary still waits for a busy pool rather than calling the database unavailable
                routing -> assertThat(routing.getTargetDataSource()).isInstanceOf(PatientDataSource.class));
        long exportsOnPrimary = exports(primaryDb);

        HttpResponse<String> csv = get("/api/v1/figures.csv?format=long", "auditor");

        assertThat(csv.statusCode()).isEqualTo(200);
        // the figures come from the replica: the marker is there, and the primary does not hold it
        assertThat(csv.body()).contains(MARKER);
        assertThat(primaryDb.sql("select count(*) from figure_value where note = :m").param("m", MARKER)
                .query(Long.class).single()).isZero();
        // the export is recorded on the primary (a REQUIRES_NEW read-write transaction), not on the replica
        assertThat(exports(primaryDb)).isEqualTo(exportsOnPrimary + 1);
        assertThat(exports(replicaDb)).isZero();
    }

    @Test
    void aSaveGoesToThePrimaryAndTheFormAndTheInboxShowItAtOnce() throws Exception {
        HttpResponse<String> saved = send("PUT", "/api/v1/reports/513400/2020", "clerk.liangshan", """
                {"version": 0, "values": [{"metric": "funds_total", "value": 1000000, "source": "county finance"},
                                          {"metric": "people_lifted_out", "value": 50000, "source": "county register"}]}""");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/reports/513400/2020/submit", "clerk.liangshan",
                "{\"version\": 1, \"explanation\": \"the last cohort\"}").statusCode()).isEqualTo(200);

        assertThat(sources(primaryDb)).contains("county register");
        assertThat(sources(replicaDb)).doesNotContain("county register");
        // the report form reads the primary: the clerk sees his own save, although the replica has not got it
        HttpResponse<String> form = get("/api/v1/reports/513400/2020", "clerk.liangshan");
        assertThat(form.body()).contains("county register").contains("SUBMITTED");
        // and so does the supervisor's inbox
        List<InboxItem> inbox = as("supervisor.sichuan", "SUPERVISOR", () -> app.getBean(ReportService.class).inbox());
        assertThat(inbox).anyMatch(item -> item.regionCode().equals("513400") && item.year() == 2020);
        // a grid's export reads the replica, which lags behind here for ever: the save is not in it
        assertThat(get("/api/v1/figures.csv?format=long&region=513400&year=2020", "auditor").body())
                .doesNotContain("county register");
    }

    private static long exports(JdbcClient db) {
        return db.sql("select count(*) from audit_entry where action = 'EXPORT'").query(Long.class).single();
    }

    private static List<String> sources(JdbcClient db) {
        return db.sql("select coalesce(source, '') from figure_value").query(String.class).list();
    }

    private <T> T as(String username, String role, java.util.function.Supplier<T> call) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, null, List.of(new SimpleGrantedAuthority("ROLE_" + role))));
        try {
            return call.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        return send("GET", path, user, null);
    }

    private HttpResponse<String> send(String method, String path, String user, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
