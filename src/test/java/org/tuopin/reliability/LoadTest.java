package org.tuopin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded load run against the application on loopback, in a child JVM run as deployed (production mode, full
 * JIT): {@code load.users} virtual users (default 100) for {@code load.seconds} (default 600), each signing in through
 * the login form and then mixing the dashboard and the figures grid driven through Vaadin's UIDL protocol (init,
 * navigation, grid scrolls with the UI's CSRF token and sync ids, unload), report reads and saves over REST, and CSV
 * exports. Writes throughput, latency percentiles and errors per kind to {@code target/load-results.md}
 * (docs/reliability.md, section Load). Users arrive over {@code load.rampSeconds} (default 60) and wait
 * {@code load.thinkMillis} (default 1000)
 * between requests. Not part of {@code verify}: {@code ./mvnw -B -ntp -Pload test-compile surefire:test@load}.
 */
@Tag("load")
class LoadTest {

    @TempDir
    Path temp;

    record Sample(String kind, long micros, boolean ok) {
    }

    @Test
    void mixedUsersAgainstTheRunningApplication() throws Exception {
        int users = Integer.getInteger("load.users", 100);
        int seconds = Integer.getInteger("load.seconds", 600);
        try (AppProcess app = new AppProcess(temp.resolve("pg")).asInProduction("1g").start()) {
            List<String> codes = new ArrayList<>();
            try (Connection c = app.database(); Statement s = c.createStatement()) {
                // a national office and open years, so that every user saves a report of its own
                s.execute("insert into reporting_year(year, open) select y, true from generate_series(2021, 2025) y "
                        + "on conflict (year) do update set open = true");
                s.execute("""
                        insert into account(username, display_name, password_hash, role, region_id)
                        select 'load.clerk', 'Load test clerk', password_hash, 'DATA_ENTRY',
                               (select id from region where level = 'COUNTRY')
                        from account where username = 'clerk.liangshan'""");
                try (ResultSet rs = s.executeQuery("select code from region where code not like 'GROUP:%' order by code")) {
                    while (rs.next()) {
                        codes.add(rs.getString(1));
                    }
                }
            }
            String base = "http://127.0.0.1:" + app.httpPort;
            List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
            Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
            Instant end = Instant.now().plusSeconds(seconds);
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            for (int u = 0; u < users; u++) {
                int user = u;
                pool.submit(() -> {
                    runUser(user, codes, base, end, samples, errors);
                    return null;
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS)).isTrue();
            String report = report(users, seconds, samples, errors);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "load-results.md"), report);
            System.out.println(report);
        }
    }

    static final long THINK_MILLIS = Long.getLong("load.thinkMillis", 1000);
    /**
     * Users arrive spread over this many milliseconds ({@code load.rampSeconds}, default 60): a sign-in costs a
     * quarter of a second of a core by design (bcrypt, cost 12), so two cores verify about eight a second, and a
     * hundred arriving in ten seconds would measure the password hash, not the application.
     */
    static final long RAMP_MILLIS = Long.getLong("load.rampSeconds", 60) * 1000;

    private static void runUser(int user, List<String> codes, String base, Instant end, List<Sample> samples,
                                Map<String, AtomicLong> errors) {
        Random random = new Random(user);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        // each user saves the report of its own region and year, so that no two users collide
        String region = codes.get(user % codes.size());
        int year = 2021 + user / codes.size();
        String reportUrl = base + "/api/v1/reports/" + region + "/" + year;
        String reader = List.of("auditor", "admin").get(user % 2);
        // the UI sessions of a national supervisor, the national auditor and a prefecture's office
        String signInAs = List.of("supervisor", "auditor", "clerk.liangshan").get(user % 3);
        int step = 0;
        try {
            // users arrive spread over the ramp, as a morning's sign-ins would
            Thread.sleep(user * RAMP_MILLIS / Math.max(1, Integer.getInteger("load.users", 100)));
        } catch (InterruptedException e) {
            return;
        }
        while (Instant.now().isBefore(end)) {
            try {
                if (step % 100 == 0
                        && !call(samples, errors, "sign-in (form)", () -> signIn(browser, base, signInAs), 302)) {
                    // refused (the "busy" answer, Retry-After 5 s) or failed: the error is counted; a person waits
                    // and signs in again rather than opening pages that would only show the sign-in form
                    Thread.sleep(5_000);
                    continue;
                }
                switch (random.nextInt(10)) {
                    // the dashboard as a browser opens it: Vaadin's init request builds the view and its charts
                    case 0, 1 -> {
                        Ui ui = openUi(samples, errors, "dashboard (UI)", browser, base, "");
                        if (ui != null) {
                            ui.close(browser);
                        }
                    }
                    // the figures grid: open the view, then scroll twice, each a round trip with the UI's sync ids
                    case 2, 3 -> {
                        Ui ui = openUi(samples, errors, "figures grid open (UI)", browser, base, "figures");
                        if (ui != null) {
                            if (ui.gridNode < 0) {
                                dumpOnce("no grid", ui.viewBody);
                                errors.computeIfAbsent("figures grid open (UI): no grid in the page", k -> new AtomicLong())
                                        .incrementAndGet();
                            } else {
                                for (int page = 1; page <= 2; page++) {
                                    int first = page * 50 + random.nextInt(200);
                                    Thread.sleep(THINK_MILLIS / 2);
                                    uidlCall(samples, errors, "grid scroll (UI)", () -> ui.rpc(browser,
                                            "{\"type\":\"publishedEventHandler\",\"node\":" + ui.gridNode
                                                    + ",\"templateEventMethodName\":\"setViewportRange\","
                                                    + "\"templateEventMethodArgs\":[" + first + ",50],\"promise\":0}"));
                                }
                            }
                            ui.close(browser);
                        }
                    }
                    case 4, 5 -> {
                        String code = codes.get(random.nextInt(codes.size()));
                        int y = 2013 + random.nextInt(8);
                        call(samples, errors, "report read (REST)", () -> api(base + "/api/v1/reports/" + code + "/" + y,
                                reader, null), 200);
                    }
                    case 6, 7, 8 -> {
                        HttpResponse<String> current = api(reportUrl, "load.clerk", null);
                        Matcher version = Pattern.compile("\"version\":(\\d+)").matcher(current.body());
                        if (current.statusCode() != 200 || !version.find()) {
                            errors.computeIfAbsent("form save: read " + current.statusCode(), k -> new AtomicLong())
                                    .incrementAndGet();
                            break;
                        }
                        String body = "{\"version\": " + version.group(1) + ", \"values\": [{\"metric\": \"people_relocated\", "
                                + "\"value\": " + random.nextInt(100_000) + ", \"source\": \"load test\"}]}";
                        call(samples, errors, "form save (REST)", () -> api(reportUrl, "load.clerk", body), 200);
                    }
                    default -> call(samples, errors, "export CSV", () -> api(base + "/api/v1/figures.csv?region="
                            + codes.get(random.nextInt(codes.size())), reader, null), 200);
                }
                // a person reads what they opened before the next click
                Thread.sleep(THINK_MILLIS);
            } catch (Exception e) {
                errors.computeIfAbsent("client: " + e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
            }
            step++;
        }
    }

    /** The sign-in form's POST; it counts as done only when it redirects somewhere else than back to the form. */
    private static HttpResponse<Void> signIn(HttpClient browser, String base, String user) throws Exception {
        HttpResponse<Void> response = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + AppProcess.PASSWORD)).build(),
                HttpResponse.BodyHandlers.discarding());
        return response;
    }

    /**
     * One browser tab's UI, as Vaadin's client holds it: the UI id, the CSRF token of the session and the server's
     * last sync id, and the client's own message counter, all sent back with every round trip.
     */
    static final class Ui {
        final String base;
        final int uiId;
        final String csrf;
        int gridNode = -1;
        String viewBody = "";
        int syncId;
        int clientId;

        Ui(String base, int uiId, String csrf, int syncId) {
            this.base = base;
            this.uiId = uiId;
            this.csrf = csrf;
            this.syncId = syncId;
        }

        HttpResponse<String> rpc(HttpClient browser, String invocation) throws Exception {
            return post(browser, "{\"csrfToken\":\"" + csrf + "\",\"rpc\":[" + invocation + "],\"syncId\":" + syncId
                    + ",\"clientId\":" + clientId + "}");
        }

        private HttpResponse<String> post(HttpClient browser, String body) throws Exception {
            HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(base + "/?v-r=uidl&v-uiId=" + uiId))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher sync = SYNC_ID.matcher(response.body());
            if (sync.find()) {
                syncId = Integer.parseInt(sync.group(1));
            }
            clientId++;
            return response;
        }

        /** What a closing tab sends (Vaadin's unload beacon), so that the server forgets the UI at once. */
        void close(HttpClient browser) throws Exception {
            post(browser, "{\"csrfToken\":\"" + csrf + "\",\"rpc\":[],\"syncId\":" + syncId + ",\"clientId\":"
                    + clientId + ",\"UNLOAD\":true}");
        }
    }

    static final Pattern SYNC_ID = Pattern.compile("\"syncId\":(\\d+)");
    static final Pattern UI_ID = Pattern.compile("\"v-uiId\":(\\d+)");
    static final Pattern CSRF = Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"");
    static final Pattern GRID = Pattern.compile("\\{\"node\":(\\d+),\"type\":\"put\",\"key\":\"tag\",\"feat\":\\d+,"
            + "\"value\":\"vaadin-grid\"}");

    /**
     * Opening a page as Vaadin's client does after loading the bootstrap page: the init request creates the UI and
     * hands out its CSRF token and sync id, then the client's {@code ui-navigate} event makes the server run the
     * route's view (its queries, charts, the grid's first page) and answer with the view's UIDL. Measured together,
     * as the user waits for both. Null when it failed (counted).
     */
    private static Ui openUi(List<Sample> samples, Map<String, AtomicLong> errors, String kind, HttpClient browser,
                             String base, String location) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response;
        HttpResponse<String> view;
        try {
            response = browser.send(HttpRequest.newBuilder(URI.create(base + "/?v-r=init&location=" + location
                    + "&query=")).timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            failed(samples, errors, kind, start, e);
            return null;
        }
        String body = response.body();
        Matcher uiId = UI_ID.matcher(body);
        Matcher csrf = CSRF.matcher(body);
        Matcher sync = SYNC_ID.matcher(body);
        if (response.statusCode() != 200 || !uiId.find() || !csrf.find() || !sync.find()) {
            samples.add(new Sample(kind, (System.nanoTime() - start) / 1000, false));
            errors.computeIfAbsent(kind + ": init HTTP " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
            dumpOnce(kind + " init", body);
            return null;
        }
        Ui ui = new Ui(base, Integer.parseInt(uiId.group(1)), csrf.group(1), Integer.parseInt(sync.group(1)));
        try {
            view = ui.rpc(browser, "{\"type\":\"event\",\"node\":1,\"event\":\"ui-navigate\","
                    + "\"data\":{\"route\":\"" + location + "\",\"query\":\"\",\"appShellTitle\":\"\","
                    + "\"historyState\":{\"idx\":0},\"trigger\":\"\"}}");
        } catch (java.io.IOException e) {
            failed(samples, errors, kind, start, e);
            return null;
        }
        long micros = (System.nanoTime() - start) / 1000;
        String page = view.body();
        // a session that is no longer signed in is sent to the login view instead
        boolean ok = uidlOk(view) && !page.contains("vaadin-login-form") && page.contains("\"changes\"");
        samples.add(new Sample(kind, micros, ok));
        if (!ok) {
            errors.computeIfAbsent(kind + ": HTTP " + view.statusCode() + (page.contains("vaadin-login-form")
                    ? " (login page)" : page.contains("appError") ? " (error)" : ""), k -> new AtomicLong())
                    .incrementAndGet();
            dumpOnce(kind, page);
            ui.close(browser);
            return null;
        }
        Matcher grid = GRID.matcher(page);
        ui.gridNode = grid.find() ? Integer.parseInt(grid.group(1)) : -1;
        ui.viewBody = page;
        return ui;
    }

    static boolean uidlOk(HttpResponse<String> response) {
        String body = response.body();
        // Flow answers a UIDL request with a JSON object (older versions prefixed "for(;;);")
        return response.statusCode() == 200 && (body.startsWith("{") || body.startsWith("for(;;);"))
                && SYNC_ID.matcher(body).find()
                && !body.contains("appError") && !body.contains("sessionExpired");
    }

    /** A UIDL round trip counts as done when the server answered with a new sync id and no error or expiry. */
    private static void uidlCall(List<Sample> samples, Map<String, AtomicLong> errors, String kind, Call call)
            throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            @SuppressWarnings("unchecked")
            HttpResponse<String> answered = (HttpResponse<String>) call.send();
            response = answered;
        } catch (java.io.IOException e) {
            failed(samples, errors, kind, start, e);
            return;
        }
        long micros = (System.nanoTime() - start) / 1000;
        boolean ok = uidlOk(response);
        samples.add(new Sample(kind, micros, ok));
        if (!ok) {
            errors.computeIfAbsent(kind + ": HTTP " + response.statusCode()
                    + (response.body().contains("appError") ? " (error)" : ""), k -> new AtomicLong()).incrementAndGet();
            dumpOnce(kind, response.body());
        }
    }

    /** A request that got no answer (time-out, reset) counts with the time it took, as an error. */
    private static void failed(List<Sample> samples, Map<String, AtomicLong> errors, String kind, long start,
                               Exception e) {
        samples.add(new Sample(kind, (System.nanoTime() - start) / 1000, false));
        errors.computeIfAbsent(kind + ": " + e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
    }

    private static final Map<String, Boolean> DUMPED = new ConcurrentHashMap<>();

    /** The first failed answer of each kind, for whoever reads the results. */
    private static void dumpOnce(String kind, String body) {
        if (DUMPED.putIfAbsent(kind, true) == null) {
            try {
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target", "load-failure-" + kind.replaceAll("[^a-z]+", "-") + ".txt"), body);
            } catch (java.io.IOException ignored) {
                // only a diagnostic
            }
        }
    }

    private static final HttpClient API = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static HttpResponse<String> api(String url, String user, String putBody) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", AppProcess.basic(user));
        if (putBody != null) {
            request.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(putBody));
        }
        return API.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    interface Call {
        HttpResponse<?> send() throws Exception;
    }

    /** One timed request; true when it answered as expected (a sign-in: redirected away from the form). */
    private static boolean call(List<Sample> samples, Map<String, AtomicLong> errors, String kind, Call call,
                                int expected) throws Exception {
        long start = System.nanoTime();
        HttpResponse<?> response;
        try {
            response = call.send();
        } catch (java.io.IOException e) {
            failed(samples, errors, kind, start, e);
            return false;
        }
        long micros = (System.nanoTime() - start) / 1000;
        boolean ok = response.statusCode() == expected && (expected != 302
                || !response.headers().firstValue("Location").orElse("/login").contains("login"));
        samples.add(new Sample(kind, micros, ok));
        if (!ok) {
            errors.computeIfAbsent(kind + ": HTTP " + response.statusCode() + (response.statusCode() == 302
                    ? " to " + response.headers().firstValue("Location").orElse("?") : ""), k -> new AtomicLong())
                    .incrementAndGet();
        }
        return ok;
    }

    private static String report(int users, int seconds, List<Sample> samples, Map<String, AtomicLong> errors) {
        Map<String, List<Long>> byKind = new TreeMap<>();
        List<Long> all = new ArrayList<>();
        synchronized (samples) {
            for (Sample s : samples) {
                byKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s.micros());
                all.add(s.micros());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Load run: ").append(users).append(" users, ").append(seconds).append(" s, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(Instant.now()).append("\n\n");
        out.append("| request | count | per second | p50 ms | p95 ms | p99 ms | max ms |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        byKind.forEach((kind, list) -> out.append(row(kind, list, seconds)));
        out.append(row("**all**", all, seconds));
        long errorCount = errors.values().stream().mapToLong(AtomicLong::get).sum();
        out.append("\nErrors: ").append(errorCount).append(" of ").append(all.size() + errorCount - failedSamples(samples))
                .append(errors.isEmpty() ? "" : " " + new TreeMap<>(errors)).append('\n');
        List<Long> sorted = new ArrayList<>(all);
        Collections.sort(sorted);
        double p95 = pct(sorted, 95);
        out.append(String.format(java.util.Locale.ROOT, "%nGoal (no errors, p95 under 500 ms): %s (errors %d, p95 %.0f ms)%n",
                errorCount == 0 && p95 < 500 ? "met" : "not met", errorCount, p95));
        out.append("\nCommand: ./mvnw -B -ntp -Pload test-compile surefire:test@load -Dload.users=").append(users)
                .append(" -Dload.seconds=").append(seconds).append('\n');
        return out.toString();
    }

    /** Samples that are also counted among the errors (a wrong status), so that no request is counted twice. */
    private static long failedSamples(List<Sample> samples) {
        synchronized (samples) {
            return samples.stream().filter(sample -> !sample.ok()).count();
        }
    }

    private static String row(String kind, List<Long> micros, int seconds) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return String.format(java.util.Locale.ROOT, "| %s | %d | %.1f | %.0f | %.0f | %.0f | %.0f |%n", kind, sorted.size(),
                sorted.size() / (double) seconds, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                sorted.isEmpty() ? 0.0 : sorted.getLast() / 1000.0);
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1000.0;
    }
}
