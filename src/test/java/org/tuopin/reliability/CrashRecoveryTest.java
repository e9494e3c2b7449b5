package org.tuopin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts and killed processes, against the real application in a child JVM: a 100,000-row import killed
 * half way leaves none of its rows and the database starts cleanly; the database killed under the running
 * application is reported as unavailable and the application recovers by itself once it is back. Slow (the
 * application starts four times), so it runs in a Maven execution of its own: tag {@code crash}.
 */
@Tag("crash")
class CrashRecoveryTest {

    static final int FIRST_YEAR = 1990;
    static final int LAST_YEAR = 2025;
    static final String CLERK = "crash.clerk";

    @TempDir
    Path temp;

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every year open, and a national data-entry account, so that one file can hold 100,000 valid rows. */
    private static List<String> prepare(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("insert into reporting_year(year, open) select y, true from generate_series(" + FIRST_YEAR + ", "
                    + LAST_YEAR + ") y on conflict (year) do update set open = true");
            s.execute("""
                    insert into account(username, display_name, password_hash, role, region_id)
                    select 'crash.clerk', 'Crash test clerk', password_hash, 'DATA_ENTRY',
                           (select id from region where level = 'COUNTRY')
                    from account where username = 'clerk.liangshan'""");
        }
        List<String> codes = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select code from region where code not like 'GROUP:%' order by code")) {
            while (rs.next()) {
                codes.add(rs.getString(1));
            }
        }
        return codes;
    }

    /** Every region, year, metric and kind: 58 x 36 x 12 x 4 = 100,224 rows of zeros. */
    private static byte[] bigFile(List<String> codes) {
        String[][] metrics = {{"poor_population", "persons"}, {"people_lifted_out", "persons"},
                {"villages_exited", "villages"}, {"counties_exited", "counties"}, {"villages_registered", "villages"},
                {"counties_registered", "counties"}, {"poverty_incidence", "percent"}, {"people_relocated", "persons"},
                {"funds_total", "RMB"}, {"funds_central", "RMB"}, {"funds_provincial", "RMB"},
                {"funds_relocation", "RMB"}};
        StringBuilder csv = new StringBuilder("region_code,year,metric,value,unit,kind,source,note\n");
        for (String code : codes) {
            for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
                for (String[] m : metrics) {
                    for (String kind : List.of("actual", "cumulative", "target", "baseline")) {
                        csv.append(code).append(',').append(year).append(',').append(m[0]).append(",0,").append(m[1])
                                .append(',').append(kind).append(",crash test,\n");
                    }
                }
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the import and returns once its transaction has written a good part of its rows, still uncommitted. */
    private static CompletableFuture<HttpResponse<String>> startImportAndWaitUntilHalfWay(AppProcess app, byte[] csv)
            throws Exception {
        long sizeBefore;
        try (Connection c = app.database()) {
            sizeBefore = single(c, "select pg_relation_size('figure_value')");
        }
        CompletableFuture<HttpResponse<String>> response = app.http()
                .sendAsync(app.importRequest(csv, CLERK), HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        try (Connection c = app.database()) {
            while (System.nanoTime() < deadline && !response.isDone()) {
                // the table grows on disk with rows no other transaction can see yet
                if (single(c, "select pg_relation_size('figure_value')") > sizeBefore + 400_000) {
                    assertThat(single(c, """
                            select count(*) from pg_stat_activity where backend_xid is not null
                            and datname = 'postgres' and pid <> pg_backend_pid()""")).as("a write transaction is open")
                            .isPositive();
                    return response;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("The import did not get half way: " + (response.isDone() ? response.get().body() : "timeout"));
    }

    private static void waitUntilGone(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @Test
    void anImportKilledHalfWayLeavesAllOrNothingAndTheDatabaseStartsCleanly() throws Exception {
        AppProcess app = new AppProcess(temp.resolve("pg")).start();
        try {
            long baseline;
            List<String> codes;
            try (Connection c = app.database()) {
                baseline = single(c, "select count(*) from figure_value");
                codes = prepare(c);
            }
            byte[] csv = bigFile(codes);
            assertThat(new String(csv, StandardCharsets.UTF_8).lines().count() - 1).isGreaterThanOrEqualTo(100_000);

            // 1. the application is killed; its PostgreSQL survives as an orphan and is stopped at the next start
            startImportAndWaitUntilHalfWay(app, csv);
            app.kill();
            app.start();
            try (Connection c = app.database()) {
                assertThat(single(c, "select count(*) from figure_value")).as("none of the rows").isEqualTo(baseline);
            }

            // 2. a power cut: the application and its PostgreSQL are killed together, and PostgreSQL recovers from WAL
            startImportAndWaitUntilHalfWay(app, csv);
            ProcessHandle postmaster = ProcessHandle.of(app.postmasterPid()).orElseThrow();
            List<ProcessHandle> servers = new ArrayList<>(postmaster.children().toList());
            servers.add(postmaster);
            app.kill();
            postmaster.destroyForcibly();
            waitUntilGone(servers);
            app.start();
            try (Connection c = app.database()) {
                assertThat(single(c, "select count(*) from figure_value")).as("none of the rows").isEqualTo(baseline);
                assertThat(single(c, "select count(*) from pg_stat_activity where state = 'idle in transaction'"))
                        .isZero();
            }
            assertThat(app.get("/actuator/health", null).body()).contains("\"status\":\"UP\"");

            // 3. the same kind of file, not interrupted, arrives whole (years without reference data, so all new rows)
            StringBuilder small = new StringBuilder("region_code,year,metric,value,unit\n");
            for (String code : codes) {
                for (int year = 2021; year <= LAST_YEAR; year++) {
                    small.append(code).append(',').append(year).append(",people_relocated,0,persons\n");
                }
            }
            HttpResponse<String> done = app.http().send(
                    app.importRequest(small.toString().getBytes(StandardCharsets.UTF_8), CLERK),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            try (Connection c = app.database()) {
                assertThat(single(c, "select count(*) from figure_value")).as("all of the rows")
                        .isEqualTo(baseline + codes.size() * (LAST_YEAR - 2021 + 1));
            }
            HttpResponse<String> chain = app.get("/api/v1/audit/verify", "auditor");
            assertThat(chain.body()).contains("\"intact\":true");
        } finally {
            app.close();
        }
    }

    @Test
    void theDatabaseKilledUnderTheApplicationIsReportedAndRecoveredWithoutARestart() throws Exception {
        AppProcess app = new AppProcess(temp.resolve("pg2")).start();
        Process restarted = null;
        try {
            HttpResponse<String> up = app.get("/actuator/health", null);
            assertThat(up.body()).contains("\"status\":\"UP\"").doesNotContain("components", "details", "postgres");
            assertThat(app.get("/api/v1/reports/513400/2019", "auditor").statusCode()).isEqualTo(200);

            long pid = app.postmasterPid();
            List<String> argv = List.of(Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"))
                    .split("\0"));
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            List<ProcessHandle> servers = new ArrayList<>(postmaster.children().toList());
            servers.add(postmaster);
            postmaster.destroyForcibly();
            waitUntilGone(servers);

            HttpResponse<String> down = waitForHealth(app, 503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"").doesNotContain("components", "details", "Exception");
            HttpResponse<String> api = app.get("/api/v1/reports/513400/2019", "auditor");
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.body()).contains("database cannot be reached").doesNotContain("Exception");
            assertThat(app.get("/login", null).statusCode()).as("the sign-in page itself still opens").isEqualTo(200);

            // the operator starts the same server again, on the same data and port; the application is not touched
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("unshare", "-U")); // PostgreSQL refuses to run as root, as zonky knows
            }
            command.addAll(argv);
            restarted = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(app.log.toFile())).start();

            assertThat(waitForHealth(app, 200).body()).contains("\"status\":\"UP\"");
            assertThat(app.get("/api/v1/reports/513400/2019", "auditor").statusCode()).isEqualTo(200);
        } finally {
            app.close();
            if (restarted != null) {
                restarted.destroy();
                restarted.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static HttpResponse<String> waitForHealth(AppProcess app, int status) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = app.get("/actuator/health", null);
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Health never answered " + status + "; last: " + (last == null ? null : last.body()));
    }
}
