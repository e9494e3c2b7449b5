package org.tuopin.packaged;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The application as a user starts it: {@code java -jar target/tuopin-*.jar} in demo mode on a free port with a fresh
 * embedded database under {@code target/e2e}, started once for the whole failsafe run (the browser journeys and the
 * plain-HTTP checks of {@code org.tuopin.live}) and stopped when it ends. With
 * {@code -Dtuopin.e2e.baseUrl=http://localhost:8080} they use an application that is already running instead
 * (handy while writing a journey; it must run in demo mode).
 *
 * <p>Like a newcomer, the start-up waits for nothing but the login page: at its very first 200 it signs in through
 * the login form at once, and keeps the outcome in {@link #firstSignIn} for {@code live/FirstSignInIT}.
 */
public final class PackagedApp implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PackagedApp.class);

    /** The demo account the start-up signs in with at the first answer of the login page. */
    public static final String FIRST_USER = "auditor";
    public static final String DEMO_PASSWORD = "tuopin-demo-2020";

    /** What happened at the first 200 of {@code /login}: the sign-in's answer and the page it led to. */
    public record FirstSignIn(int signInStatus, String signInLocation, int nextPageStatus) {
    }

    public final String baseUrl;
    public final Path log;
    /** Null for an application that was already running. */
    public volatile FirstSignIn firstSignIn;
    private final Process process;

    private PackagedApp(String baseUrl, Path log, Process process) {
        this.baseUrl = baseUrl;
        this.log = log;
        this.process = process;
    }

    /** The one application of the test run: started on first use, closed by JUnit after the last test. */
    public static PackagedApp shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(PackagedApp.class, k -> start(), PackagedApp.class);
    }

    public static Path workDir() {
        return Path.of(System.getProperty("tuopin.e2e.work", "target/e2e")).toAbsolutePath();
    }

    static PackagedApp start() {
        String external = System.getProperty("tuopin.e2e.baseUrl", "");
        if (!external.isBlank()) {
            return new PackagedApp(external.replaceAll("/+$", ""), Path.of("(external)"), null);
        }
        Path run = workDir().resolve("app-" + System.currentTimeMillis());
        PackagedApp app = launch(run, List.of("--tuopin.embedded-db.dir=" + run.resolve("pg"),
                "--tuopin.security.secret-key-file=" + run.resolve("secret.key"), "--tuopin.demo.enabled=true"));
        app.awaitReady(true);
        return app;
    }

    /**
     * Starts the jar in its own folder {@code run} on a free port with the given arguments and returns at once, so
     * that several nodes can start side by side; {@link #awaitReady} waits for one.
     */
    public static PackagedApp launch(Path run, List<String> arguments) {
        try {
            Path jar = jar();
            Files.createDirectories(run);
            int port = freePort();
            String java = ProcessHandle.current().info().command().orElse("java");
            // C1 only: the journeys need a quick start on two shared cores more than peak speed
            List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                    "--server.port=" + port, "--vaadin.launch-browser=false"));
            command.addAll(arguments);
            Path log = run.resolve("app.log");
            Process process = new ProcessBuilder(command).directory(run.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            PackagedApp app = new PackagedApp("http://localhost:" + port, log, process);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
            return app;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the packaged application", e);
        }
    }

    /** The jar that {@code package} built; failsafe names it, a run from the IDE finds it in target/. */
    private static Path jar() throws IOException {
        String named = System.getProperty("tuopin.e2e.jar", "");
        if (!named.isBlank() && Files.isRegularFile(Path.of(named))) {
            return Path.of(named);
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("tuopin-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "No application jar in target/: run './mvnw verify' (or package first)"));
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /**
     * Waits until {@code /login} answers 200 and, in demo mode, signs in at once; fails if the jar stops.
     */
    public void awaitReady(boolean demoAccounts) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The application stopped during start-up (exit " + process.exitValue()
                        + "); its log: " + log + "\n" + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    // no waiting for anything else: whoever sees the login page may sign in at once
                    if (demoAccounts) {
                        firstSignIn = signInNow();
                    }
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("The application did not answer within " + START_TIMEOUT + "; its log: " + log
                + "\n" + tail());
    }

    /** The login form's POST as the browser sends it (same origin), then the page the redirect names. */
    private FirstSignIn signInNow() throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<Void> signIn = browser.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", baseUrl)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + FIRST_USER + "&password=" + DEMO_PASSWORD))
                .build(), HttpResponse.BodyHandlers.discarding());
        String location = signIn.headers().firstValue("Location").orElse("");
        int next = location.isEmpty() ? -1 : browser.send(HttpRequest.newBuilder(URI.create(baseUrl + "/audit"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        return new FirstSignIn(signIn.statusCode(), location, next);
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    public int port() {
        return URI.create(baseUrl).getPort();
    }

    /** SIGKILL, as when a node's machine dies: no shutdown hook runs, no request is finished. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the application gently, so that it stops its PostgreSQL too; forcibly after half a minute. */
    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
