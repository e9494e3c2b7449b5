package org.tuopin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuopin.reliability.AppProcess;

/**
 * Issue 18: a flood of wrong passwords must not slow other users' work. The application runs as deployed (child
 * JVM, production mode, full JIT, its own PostgreSQL) behind a "proxy" at 127.0.0.1 that it trusts, so the attackers
 * can come from many addresses through {@code X-Forwarded-For}: that is how a botnet, or attackers behind a shared
 * proxy, look to the application. A clerk saves a report draft over REST every {@value #SAVE_EVERY_MS} ms, quiet,
 * then during {@value #FLOOD_SECONDS} s of {@value #FLOOD_PER_SECOND} wrong sign-ins per second, then quiet again.
 * Prints the save's latency in each phase, how the flood was answered and how many audit entries it left, and
 * writes the same to {@code target/sign-in-flood.md}. A benchmark: it asserts only that the flood was really sent.
 *
 * <p>{@code ./mvnw -B -ntp -o -Pbench test-compile surefire:test@benchmarks -Dtest=SignInFloodBenchmark}
 */
class SignInFloodBenchmark {

    static final int SAVE_EVERY_MS = 200;
    static final int WARM_UP_SECONDS = Integer.getInteger("flood.warmUpSeconds", 25);
    static final int QUIET_SECONDS = Integer.getInteger("flood.quietSeconds", 25);
    static final int FLOOD_SECONDS = Integer.getInteger("flood.seconds", 60);
    static final int FLOOD_PER_SECOND = Integer.getInteger("flood.perSecond", 50);
    static final String CLERK = "clerk.liangshan";
    static final String REGION = "513400";
    static final int YEAR = 2024;

    @TempDir
    Path temp;

    record Save(String phase, long micros, int status) {
    }

    record Attempt(String kind, long micros, String answer) {
    }

    /** Who attacks: each attempt is one of these, in turn. */
    enum Attacker {
        SPRAYER("one address (203.0.113.7) spraying account names (demo names and made-up ones) at the sign-in form"),
        DISTRIBUTED("many addresses (198.18.x.y, 3 tries each) guessing the password of 'supervisor' over HTTP Basic"),
        RANDOM("made-up names from made-up addresses (100.64.x.y, one try each) over HTTP Basic");

        final String description;

        Attacker(String description) {
            this.description = description;
        }
    }

    static final List<String> DEMO_NAMES = List.of("admin", "supervisor", "auditor", "clerk.liangshan",
            "supervisor.sichuan", "clerk.ganzi", "admin.sichuan");

    @Test
    void aFloodOfWrongPasswordsDoesNotSlowAClerksSaves() throws Exception {
        Path dataDir = temp.resolve("pg");
        try (AppProcess app = new AppProcess(dataDir).asInProduction("1g")
                .withArgs("--tuopin.security.trusted-proxies=127.0.0.1/32").start()) {
            String base = "http://127.0.0.1:" + app.httpPort;
            try (Connection c = app.database(); Statement s = c.createStatement()) {
                s.execute("insert into reporting_year(year, open) values (" + YEAR + ", true) "
                        + "on conflict (year) do update set open = true");
            }
            HttpClient clerkClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpClient attackClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String reportUrl = base + "/api/v1/reports/" + REGION + "/" + YEAR;
            HttpResponse<String> first = clerkClient.send(clerkRequest(reportUrl, null), HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            long[] version = {version(first.body())};

            List<Save> saves = Collections.synchronizedList(new ArrayList<>());
            List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
            Map<String, AtomicLong> clientErrors = new ConcurrentHashMap<>();
            StringBuilder out = new StringBuilder();
            String[] phase = {"warm-up"};

            Thread clerk = Thread.ofPlatform().name("clerk").start(() -> {
                int n = 0;
                long next = System.nanoTime();
                while (!Thread.currentThread().isInterrupted()) {
                    String body = "{\"version\": " + version[0] + ", \"values\": [{\"metric\": \"people_relocated\", "
                            + "\"value\": " + (1000 + n++ % 5000) + ", \"source\": \"flood benchmark\"}]}";
                    String at = phase[0];
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> r = clerkClient.send(clerkRequest(reportUrl, body),
                                HttpResponse.BodyHandlers.ofString());
                        saves.add(new Save(at, (System.nanoTime() - start) / 1000, r.statusCode()));
                        if (r.statusCode() == 200) {
                            version[0] = version(r.body());
                        } else {
                            // stale, refused or busy (503): read the version again rather than failing every save
                            // after it; if that read is refused too, the next save tries again with the old one
                            HttpResponse<String> again = clerkClient.send(clerkRequest(reportUrl, null),
                                    HttpResponse.BodyHandlers.ofString());
                            if (again.statusCode() == 200) {
                                version[0] = version(again.body());
                            }
                        }
                    } catch (IOException e) {
                        saves.add(new Save(at, (System.nanoTime() - start) / 1000, -1));
                    } catch (InterruptedException e) {
                        return;
                    }
                    next += TimeUnit.MILLISECONDS.toNanos(SAVE_EVERY_MS);
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    } else {
                        next = System.nanoTime(); // a slow save does not make the next ones come in a burst
                    }
                }
            });

            Cpu cpu = new Cpu(app);
            long auditBefore;
            try (Connection c = app.database(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select coalesce(max(seq), 0) from audit_entry")) {
                rs.next();
                auditBefore = rs.getLong(1);
            }
            String loadAtStart = uptime();
            Thread.sleep(WARM_UP_SECONDS * 1000L);
            phase[0] = "quiet before";
            Cpu.Sample quietStart = cpu.sample();
            Thread.sleep(QUIET_SECONDS * 1000L);
            Cpu.Sample floodStart = cpu.sample();
            phase[0] = "flood";
            AtomicInteger sent = new AtomicInteger();
            try (ExecutorService attackers = Executors.newVirtualThreadPerTaskExecutor()) {
                long start = System.nanoTime();
                int total = FLOOD_SECONDS * FLOOD_PER_SECOND;
                for (int i = 0; i < total; i++) {
                    long due = start + i * TimeUnit.SECONDS.toNanos(1) / FLOOD_PER_SECOND;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    int attempt = i;
                    sent.incrementAndGet();
                    attackers.submit(() -> attack(attackClient, base, attempt, attempts, clientErrors));
                }
                Cpu.Sample floodSent = cpu.sample();
                phase[0] = "quiet after";
                out.append(cpuLine("flood (while sending)", floodStart, floodSent));
                Thread.sleep(QUIET_SECONDS * 1000L);
                // attempts still waiting are left to finish (their answers are counted, their time is in the table)
            }
            Cpu.Sample end = cpu.sample();
            clerk.interrupt();
            clerk.join(10_000);
            String loadAtEnd = uptime();

            // the tally of the flood's last minute is folded at most a minute and one fold interval later
            long[] audit = waitForFold(app, auditBefore);

            out.insert(0, report(saves, attempts, clientErrors, sent.get(), audit, loadAtStart, loadAtEnd,
                    cpuLine("quiet before", quietStart, floodStart)) + cpuLine("flood to end of quiet after", floodStart, end));
            String text = out.toString();
            System.out.println(text);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "sign-in-flood.md"), text);

            assertThat(sent.get()).isEqualTo(FLOOD_SECONDS * FLOOD_PER_SECOND);
            assertThat(attempts).as("every attempt was answered or failed on the client side").hasSize(sent.get());
        }
    }

    private static HttpRequest clerkRequest(String url, String putBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", AppProcess.basic(CLERK));
        if (putBody != null) {
            b.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(putBody));
        }
        return b.build();
    }

    private static long version(String json) {
        Matcher m = Pattern.compile("\"version\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("No version in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    private static void attack(HttpClient http, String base, int i, List<Attempt> attempts,
                               Map<String, AtomicLong> clientErrors) {
        Attacker kind = Attacker.values()[i % Attacker.values().length];
        int n = i / Attacker.values().length;
        HttpRequest request = switch (kind) {
            case SPRAYER -> {
                String name = n % 2 == 0 ? DEMO_NAMES.get(n / 2 % DEMO_NAMES.size()) : "user" + n;
                yield HttpRequest.newBuilder(URI.create(base + "/login")).timeout(Duration.ofSeconds(90))
                        .header("X-Forwarded-For", "203.0.113.7")
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                                + "&password=guess" + n)).build();
            }
            case DISTRIBUTED -> basic(base, "198.18." + (n / 3 / 250) + "." + (n / 3 % 250 + 1), "supervisor", "guess" + n);
            case RANDOM -> basic(base, "100.64." + (n / 250) + "." + (n % 250 + 1),
                    "u" + Integer.toHexString(n * 7919 + 13), "guess" + n);
        };
        long start = System.nanoTime();
        String answer;
        try {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            answer = r.statusCode() == 302 ? "302 to " + r.headers().firstValue("Location").orElse("?")
                    .replaceAll("^https?://[^/]+", "").replaceAll(";jsessionid=.*", "")
                    : String.valueOf(r.statusCode());
        } catch (IOException e) {
            answer = "no answer (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = "interrupted";
        }
        attempts.add(new Attempt(kind.name(), (System.nanoTime() - start) / 1000, answer));
    }

    private static HttpRequest basic(String base, String address, String user, String password) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/reports/" + REGION + "/" + YEAR))
                .timeout(Duration.ofSeconds(90)).header("X-Forwarded-For", address)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8))).GET().build();
    }

    /** Waits until the flood's tally is folded; returns entries SIGN_IN_FAILED, LOCKED_OUT and refusals counted. */
    private static long[] waitForFold(AppProcess app, long auditBefore) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (true) {
            try (Connection c = app.database(); Statement s = c.createStatement()) {
                long pending;
                try (ResultSet rs = s.executeQuery("select count(*) from refusal_tally")) {
                    rs.next();
                    pending = rs.getLong(1);
                }
                if (pending == 0 || System.nanoTime() > deadline) {
                    long failed = 0;
                    long locked = 0;
                    long refusals = 0;
                    try (ResultSet rs = s.executeQuery("""
                            select action, count(*) from audit_entry
                            where seq > %d and action in ('SIGN_IN_FAILED', 'LOCKED_OUT') group by action"""
                            .formatted(auditBefore))) {
                        while (rs.next()) {
                            if (rs.getString(1).equals("LOCKED_OUT")) {
                                locked = rs.getLong(2);
                            } else {
                                failed = rs.getLong(2);
                            }
                        }
                    }
                    try (ResultSet rs = s.executeQuery("""
                            select changes from audit_entry where seq > %d and action = 'SIGN_IN_FAILED'"""
                            .formatted(auditBefore))) {
                        Pattern count = Pattern.compile("\"refusals\"[^}]*?\"after\"\\s*:\\s*\"(\\d+)\"");
                        while (rs.next()) {
                            Matcher m = count.matcher(rs.getString(1));
                            refusals += m.find() ? Long.parseLong(m.group(1)) : 1;
                        }
                    }
                    return new long[]{failed, locked, refusals, pending};
                }
            }
            Thread.sleep(2_000);
        }
    }

    private static String report(List<Save> saves, List<Attempt> attempts, Map<String, AtomicLong> clientErrors,
                                 int sent, long[] audit, String loadAtStart, String loadAtEnd, String quietCpu) {
        StringBuilder b = new StringBuilder();
        b.append("## Sign-in flood (SignInFloodBenchmark)\n\n");
        b.append("The application trusts 127.0.0.1 as its proxy (`--tuopin.security.trusted-proxies=127.0.0.1/32`), so the "
                + "attackers' `X-Forwarded-For` is their address: how a botnet, or attackers behind a proxy, look to it.\n");
        b.append(String.format(Locale.ROOT, "A clerk (%s) saves a report draft over REST every %d ms; %d s quiet, %d s of %d wrong "
                + "sign-ins per second, %d s quiet again (after %d s of warm-up).%n%n", CLERK, SAVE_EVERY_MS,
                QUIET_SECONDS, FLOOD_SECONDS, FLOOD_PER_SECOND, QUIET_SECONDS, WARM_UP_SECONDS));
        b.append("Load average at start: ").append(loadAtStart).append("; at end: ").append(loadAtEnd).append("\n\n");
        b.append("| clerk's save | saves | not 200 | of them 503 busy | median ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|\n");
        double quietMedian = 0;
        double quietP95 = 0;
        for (String phase : List.of("quiet before", "flood", "quiet after")) {
            List<Long> micros = new ArrayList<>();
            long bad = 0;
            long busy = 0;
            synchronized (saves) {
                for (Save s : saves) {
                    if (s.phase().equals(phase)) {
                        micros.add(s.micros());
                        bad += s.status() == 200 ? 0 : 1;
                        busy += s.status() == 503 ? 1 : 0;
                    }
                }
            }
            Collections.sort(micros);
            double median = pct(micros, 50);
            double p95 = pct(micros, 95);
            if (phase.equals("quiet before")) {
                quietMedian = median;
                quietP95 = p95;
            }
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.1f | %.1f |%n", phase, micros.size(), bad, busy,
                    median, p95, micros.isEmpty() ? 0 : micros.getLast() / 1000.0));
            if (phase.equals("flood")) {
                b.append(String.format(Locale.ROOT, "| **flood / quiet** | | | | **%.2f×** | **%.2f×** | |%n",
                        median / quietMedian, p95 / quietP95));
            }
        }
        b.append("\nGoal: at most 2× the quiet case.\n\n");
        b.append(String.format(Locale.ROOT, "Flood: %d attempts sent, %d answered or failed.%n%n", sent, attempts.size()));
        for (Attacker a : Attacker.values()) {
            b.append("- ").append(a.name()).append(": ").append(a.description).append("\n");
        }
        b.append("\n| attacker | answer | attempts | median ms | p95 ms | max ms |\n|---|---|---:|---:|---:|---:|\n");
        Map<String, List<Long>> byAnswer = new TreeMap<>();
        synchronized (attempts) {
            for (Attempt a : attempts) {
                byAnswer.computeIfAbsent(a.kind() + "|" + a.answer(), k -> new ArrayList<>()).add(a.micros());
            }
        }
        byAnswer.forEach((key, micros) -> {
            Collections.sort(micros);
            String[] parts = key.split("\\|", 2);
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1f |%n", parts[0], parts[1],
                    micros.size(), pct(micros, 50), pct(micros, 95), micros.getLast() / 1000.0));
        });
        clientErrors.forEach((k, v) -> b.append("client error ").append(k).append(": ").append(v).append("\n"));
        b.append(String.format(Locale.ROOT, "%nAudit trail after the fold: %d SIGN_IN_FAILED entries standing for %d "
                + "attempts, %d LOCKED_OUT entries, for %d attempts sent (%d tally rows still unfolded).%n%n",
                audit[0], audit[2], audit[1], sent, audit[3]));
        b.append("CPU (share of the machine's ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores; app = the application's JVM, pg = its PostgreSQL, bench = this JVM):\n\n").append(quietCpu);
        return b.toString();
    }

    private static double pct(List<Long> sortedMicros, int p) {
        if (sortedMicros.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, index)) / 1000.0;
    }

    private static String cpuLine(String phase, Cpu.Sample from, Cpu.Sample to) {
        double wall = (to.nanos() - from.nanos()) / 1e9;
        double ticks = 100.0 * wall; // USER_HZ
        return String.format(Locale.ROOT, "- %s (%.0f s): machine busy %.0f%%, app %.2f cores, pg %.2f cores, bench %.2f cores%n",
                phase, wall, 100.0 * (to.busy() - from.busy()) / Math.max(1, to.total() - from.total()),
                (to.app() - from.app()) / ticks, (to.pg() - from.pg()) / ticks, (to.bench() - from.bench()) / ticks);
    }

    private static String uptime() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** CPU time from /proc: the whole machine, the application's JVM, its PostgreSQL processes, this JVM. */
    static final class Cpu {
        record Sample(long nanos, long busy, long total, long app, long pg, long bench) {
        }

        private final AppProcess app;

        Cpu(AppProcess app) {
            this.app = app;
        }

        Sample sample() throws IOException {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long pg = 0;
            long postmaster = app.postmasterPid();
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long pid = Long.parseLong(p.getFileName().toString());
                        if (pid == postmaster || Long.parseLong(f[1]) == postmaster) {
                            pg += ticks(f);
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended between the listing and the read
                    }
                }
            }
            return new Sample(System.nanoTime(), total - idle, total, ticks(app.pid()), pg, ticks(ProcessHandle.current().pid()));
        }

        private static long ticks(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return ticks(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        }

        /** utime + stime, fields 14 and 15 of /proc/pid/stat (11 and 12 after the command's closing parenthesis). */
        private static long ticks(String[] afterCommand) {
            return Long.parseLong(afterCommand[11]) + Long.parseLong(afterCommand[12]);
        }
    }
}
