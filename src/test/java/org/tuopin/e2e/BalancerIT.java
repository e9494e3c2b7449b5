package org.tuopin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.tuopin.packaged.PackagedApp;

/**
 * The production topology of docs/deployment.md: two nodes of the packaged jar on one PostgreSQL, behind HAProxy
 * with the committed {@code deploy/haproxy.cfg}. A clerk signs in through the balancer and saves a draft; the node
 * that served her is killed (SIGKILL); her next click lands on the sign-in page, she signs in again on the other
 * node and finds her draft. Meanwhile other users (API calls and sign-in page loads) got only successful answers.
 *
 * <p>Needs HAProxy ({@code apt-get install -y haproxy}) and Chromium; without them it skips itself loudly, or fails
 * with {@code -Dtuopin.e2e.require=true} (CI).
 */
class BalancerIT {

    private static final Path HAPROXY = Path.of(System.getProperty("tuopin.e2e.haproxy", "/usr/sbin/haproxy"));
    private static final String LIFTED = "People lifted out (persons)";
    private static final String SECRET_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void aKilledNodeSendsItsUserToSignInAgainWithHerDraftKeptWhileTheOtherNodeServesEveryone() throws Exception {
        requireTools();
        Path run = PackagedApp.workDir().resolve("topology-" + System.currentTimeMillis());
        Files.createDirectories(run);
        List<AutoCloseable> open = new ArrayList<>();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(run.resolve("pg"))
                .setCleanDataDirectory(true).setLocaleConfig("locale", "C.UTF-8").start()) {
            // both nodes start side by side, as after a deployment; the first runs the migrations, the other waits
            Map<String, PackagedApp> nodes = Map.of(
                    "node1", node(run.resolve("node1"), postgres.getPort()),
                    "node2", node(run.resolve("node2"), postgres.getPort()));
            nodes.values().forEach(open::add);
            for (PackagedApp node : nodes.values()) {
                node.awaitReady(false);
            }
            createAccounts(postgres);
            Balancer balancer = Balancer.start(run, nodes.get("node1").port(), nodes.get("node2").port());
            open.add(balancer);

            Others others = new Others(balancer.url);
            open.add(others);
            Thread.sleep(1500);
            assertThat(others.servedBy.keySet()).as("new visitors are spread over both nodes")
                    .containsExactlyInAnyOrder("node1", "node2");

            Path browsers = run.resolve("browser");
            Browser browser = new Browser(Chromium.start(browsers.resolve("profile"), browsers.resolve("downloads"),
                    "en-US"), balancer.url, browsers.resolve("downloads"));
            open.add(browser.driver::quit);
            try {
                LoginPage.signIn(browser, "clerk.liangshan");
                ReportFormPage form = ReportFormPage.open(browser, "513400", 2020);
                form.enter(LIFTED, "50000").saveDraft();
                browser.awaitNotification("Draft saved.");
                String served = stickyNode(browser);
                String survivor = served.equals("node1") ? "node2" : "node1";

                nodes.get(served).kill();
                others.killedAt.set(System.nanoTime());

                // her next click: what she typed and did not save is lost, and she is asked to sign in again
                form.enter(LIFTED, "49000");
                browser.driver.navigate().refresh();
                LoginPage login = LoginPage.at(browser);
                assertThat(browser.path()).startsWith("login");
                login.signIn("clerk.liangshan", LoginPage.DEMO_PASSWORD);
                assertThat(stickyNode(browser)).as("signed in again on the node that lives").isEqualTo(survivor);
                form = ReportFormPage.open(browser, "513400", 2020);
                assertThat(form.state()).isEqualTo("Draft");
                assertThat(form.valueOf(LIFTED)).as("the saved draft").isEqualTo("50000");

                Thread.sleep(1000);
                others.stop();
                assertThat(others.failures).as("answers to other users that were not 200").isEmpty();
                assertThat(others.afterKill.get()).as("requests of other users after the kill").isGreaterThan(10);
                assertThat(others.afterKillServedBy.keySet()).as("who served them after the kill")
                        .containsExactly(survivor);
            } catch (Throwable failed) {
                browser.saveArtefacts(run, "failure");
                throw new AssertionError(failed.getMessage() + "\nscreenshot, node logs and haproxy log in " + run, failed);
            }
        } finally {
            for (AutoCloseable closeable : open.reversed()) {
                closeable.close();
            }
        }
    }

    private static PackagedApp node(Path run, int pgPort) {
        return PackagedApp.launch(run, List.of(
                "--spring.datasource.url=jdbc:postgresql://localhost:" + pgPort + "/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                // every node must read the others' encrypted one-time-code secrets
                "--tuopin.security.secret-key=" + SECRET_KEY,
                "--tuopin.security.trusted-proxies=127.0.0.1"));
    }

    /**
     * An external database gets no demo accounts: the clerk and the API user are written here, with the demo
     * password. The API user's hash has bcrypt cost 4, so that its calls, checked on every request, do not take the
     * two cores from the nodes.
     */
    private static void createAccounts(EmbeddedPostgres postgres) throws Exception {
        String sql = """
                insert into account (username, display_name, password_hash, role, region_id)
                select ?, ?, ?, 'DATA_ENTRY', id from region where code = ?
                on conflict (username) do nothing""";
        try (Connection db = postgres.getPostgresDatabase().getConnection(); PreparedStatement insert = db.prepareStatement(sql)) {
            Object[][] accounts = {
                    {"clerk.liangshan", "Liangshan poverty alleviation office", 12, "513400"},
                    {"clerk.nujiang", "Nujiang poverty alleviation office", 4, "533300"}};
            for (Object[] a : accounts) {
                insert.setString(1, (String) a[0]);
                insert.setString(2, (String) a[1]);
                insert.setString(3, "{bcrypt}" + new BCryptPasswordEncoder((int) a[2]).encode(LoginPage.DEMO_PASSWORD));
                insert.setString(4, (String) a[3]);
                insert.executeUpdate();
            }
        }
    }

    /** The node HAProxy's stickiness cookie names. */
    private static String stickyNode(Browser browser) {
        Cookie cookie = browser.driver.manage().getCookieNamed("SERVERID");
        assertThat(cookie).as("HAProxy's SERVERID cookie").isNotNull();
        return cookie.getValue();
    }

    private static void requireTools() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(HAPROXY)) {
            missing.add("HAProxy at " + HAPROXY + " (apt-get install -y haproxy)");
        }
        if (!Files.isExecutable(Chromium.BINARY) || !Files.isExecutable(Chromium.DRIVER)) {
            missing.add("Chromium and chromedriver (apt-get install -y chromium chromium-driver)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "BalancerIT (two nodes behind HAProxy) NOT RUN: missing " + String.join(" and ", missing);
        if (Boolean.getBoolean("tuopin.e2e.require")) {
            throw new IllegalStateException(message + "; -Dtuopin.e2e.require=true demands it");
        }
        System.err.println("\n*** " + message + " ***\n");
        try {
            // the build's last words say it too (pom.xml, antrun "journeys-skipped")
            Path note = PackagedApp.workDir().resolve("balancer-skipped.txt");
            Files.createDirectories(note.getParent());
            Files.writeString(note, message + ". To run it: apt-get install -y haproxy chromium chromium-driver, then "
                    + "./mvnw verify (-Dtuopin.e2e.require=true turns a missing tool into a failure, as in .ci/run).");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Assumptions.abort(message);
    }

    /** HAProxy in the foreground with the committed configuration, its addresses from the environment. */
    private static final class Balancer implements AutoCloseable {

        final String url;
        private final Process process;

        private Balancer(String url, Process process) {
            this.url = url;
            this.process = process;
        }

        static Balancer start(Path run, int node1, int node2) throws Exception {
            int port = PackagedApp.freePort();
            ProcessBuilder builder = new ProcessBuilder(HAPROXY.toString(), "-db", "-f",
                    Path.of("deploy/haproxy.cfg").toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(run.resolve("haproxy.log").toFile());
            builder.environment().putAll(Map.of(
                    "TUOPIN_LISTEN", "127.0.0.1:" + port,
                    "TUOPIN_NODE1", "127.0.0.1:" + node1,
                    "TUOPIN_NODE2", "127.0.0.1:" + node2,
                    "TUOPIN_HAPROXY_SOCKET", run.resolve("haproxy.sock").toString()));
            Balancer balancer = new Balancer("http://localhost:" + port, builder.start());
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try {
                    // both nodes up in HAProxy's checks: new visitors then alternate between them
                    List<String> nodes = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(balancer.url + "/login")).build(),
                                HttpResponse.BodyHandlers.discarding());
                        nodes.add(Others.node(r));
                    }
                    if (nodes.contains("node1") && nodes.contains("node2")) {
                        return balancer;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            balancer.close();
            throw new IllegalStateException("HAProxy did not send visitors to both nodes; see " + run.resolve("haproxy.log"));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Everyone else: sign-in page loads and API reads as clerk.nujiang, each as a new visitor, without pause. */
    private static final class Others implements AutoCloseable {

        final Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> afterKillServedBy = new ConcurrentHashMap<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final AtomicReference<Long> killedAt = new AtomicReference<>();
        final AtomicInteger afterKill = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Others(String url) {
            String basic = "Basic " + Base64.getEncoder().encodeToString(
                    ("clerk.nujiang:" + LoginPage.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
            threads.add(Thread.ofPlatform().start(() -> loop(HttpRequest.newBuilder(URI.create(url + "/login")))));
            threads.add(Thread.ofPlatform().start(() -> loop(HttpRequest.newBuilder(URI.create(url + "/api/v1/reports/533300/2020"))
                    .header("Authorization", basic))));
        }

        private void loop(HttpRequest.Builder request) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest get = request.timeout(Duration.ofSeconds(30)).build();
            while (running.get()) {
                Long kill = killedAt.get();
                try {
                    HttpResponse<Void> response = http.send(get, HttpResponse.BodyHandlers.discarding());
                    String node = node(response);
                    boolean late = kill != null;
                    servedBy.computeIfAbsent(node, k -> new AtomicInteger()).incrementAndGet();
                    if (late) {
                        afterKill.incrementAndGet();
                        afterKillServedBy.computeIfAbsent(node, k -> new AtomicInteger()).incrementAndGet();
                    }
                    if (response.statusCode() != 200) {
                        failures.add(get.uri() + " answered " + response.statusCode() + " by " + node);
                    }
                } catch (IOException e) {
                    failures.add(get.uri() + " failed: " + e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** The node that answered, from the stickiness cookie HAProxy gives a new visitor. */
        static String node(HttpResponse<?> response) {
            return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SERVERID="))
                    .map(c -> c.substring("SERVERID=".length(), c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                    .findFirst().orElse("(none)");
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(40));
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
