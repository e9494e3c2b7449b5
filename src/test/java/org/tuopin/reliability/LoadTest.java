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
 * A bounded load run against the application on loopback, in a child JVM: {@code load.users} virtual users
 * (default 100) for {@code load.seconds} (default 600), each mixing sign-in through the login form, opening the
 * dashboard and report pages, reading report "pages" over REST as a grid scrolls, saving its own report, and
 * exporting CSV. Writes throughput, latency percentiles and errors per kind to {@code target/load-results.md}.
 * Users arrive over ten seconds and wait {@code load.thinkMillis} (default 1000) between requests.
 * Not part of {@code verify}: {@code ./mvnw -B -ntp -Pload test-compile surefire:test@load}.
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
        try (AppProcess app = new AppProcess(temp.resolve("pg")).start()) {
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
        int step = 0;
        try {
            // users arrive over the first ten seconds, as a morning's sign-ins would
            Thread.sleep(user * 100L);
        } catch (InterruptedException e) {
            return;
        }
        while (Instant.now().isBefore(end)) {
            try {
                if (step % 100 == 0) {
                    call(samples, errors, "sign-in (form)", () -> browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                            .POST(HttpRequest.BodyPublishers.ofString("username=clerk.liangshan&password="
                                    + AppProcess.PASSWORD)).build(), HttpResponse.BodyHandlers.discarding()), 302);
                }
                switch (random.nextInt(10)) {
                    case 0, 1 -> call(samples, errors, "figures page (UI)", () -> browser.send(HttpRequest.newBuilder(
                            URI.create(base + "/figures")).GET().build(), HttpResponse.BodyHandlers.discarding()), 200);
                    case 2, 3, 4 -> {
                        String code = codes.get(random.nextInt(codes.size()));
                        int y = 2013 + random.nextInt(8);
                        call(samples, errors, "grid page (REST)", () -> api(base + "/api/v1/reports/" + code + "/" + y,
                                reader, null), 200);
                    }
                    case 5, 6, 7 -> {
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

    private static void call(List<Sample> samples, Map<String, AtomicLong> errors, String kind, Call call, int expected)
            throws Exception {
        long start = System.nanoTime();
        HttpResponse<?> response = call.send();
        long micros = (System.nanoTime() - start) / 1000;
        boolean ok = response.statusCode() == expected;
        samples.add(new Sample(kind, micros, ok));
        if (!ok) {
            errors.computeIfAbsent(kind + ": HTTP " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
        }
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
        out.append("\nErrors: ").append(errorCount).append(errors.isEmpty() ? "" : " " + new TreeMap<>(errors)).append('\n');
        return out.toString();
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
