package org.tuopin.e2e;

import java.io.IOException;
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

/**
 * The application as a user starts it: {@code java -jar target/tuopin-*.jar} on a free port with a fresh embedded
 * database under {@code target/e2e}, started once for all journeys and stopped when the test run ends. With
 * {@code -Dtuopin.e2e.baseUrl=http://localhost:8080} the journeys use an application that is already running instead
 * (handy while writing a journey; it must be on the embedded database with its demo accounts).
 */
final class PackagedApp implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    final String baseUrl;
    final Path log;
    private final Process process;

    private PackagedApp(String baseUrl, Path log, Process process) {
        this.baseUrl = baseUrl;
        this.log = log;
        this.process = process;
    }

    static Path workDir() {
        return Path.of(System.getProperty("tuopin.e2e.work", "target/e2e")).toAbsolutePath();
    }

    static PackagedApp start() {
        String external = System.getProperty("tuopin.e2e.baseUrl", "");
        if (!external.isBlank()) {
            return new PackagedApp(external.replaceAll("/+$", ""), Path.of("(external)"), null);
        }
        Path run = workDir().resolve("app-" + System.currentTimeMillis());
        PackagedApp app = launch(run, List.of("--tuopin.embedded-db.dir=" + run.resolve("pg"),
                "--tuopin.security.secret-key-file=" + run.resolve("secret.key")));
        app.awaitReady(true);
        return app;
    }

    /**
     * Starts the jar in its own folder {@code run} on a free port with the given arguments and returns at once, so
     * that several nodes can start side by side; {@link #awaitReady} waits for one.
     */
    static PackagedApp launch(Path run, List<String> arguments) {
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

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Waits until {@code /login} answers 200 (and, if asked, the demo accounts exist); fails if the jar stops. */
    void awaitReady(boolean demoAccounts) {
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
                // the demo accounts are created just after the server starts answering: wait for them too
                if (response.statusCode() == 200 && (!demoAccounts || Files.readString(log).contains("demo accounts"))) {
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

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    int port() {
        return URI.create(baseUrl).getPort();
    }

    /** SIGKILL, as when a node's machine dies: no shutdown hook runs, no request is finished. */
    synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
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
