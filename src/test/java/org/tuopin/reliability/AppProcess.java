package org.tuopin.reliability;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application's main class started as a child JVM on a data directory of its own, with the test
 * classpath, so that a test can SIGKILL it and start it again on the same data. The embedded PostgreSQL is
 * started by the child (zonky detaches it with pg_ctl), on a fixed port so that the test can reach it too.
 */
public final class AppProcess implements AutoCloseable {

    public static final String PASSWORD = "tuopin-demo-2020";

    final Path dataDir;
    public final int httpPort;
    final int pgPort;
    public final Path log;
    private Process process;
    private String heap = "768m";
    private boolean quickStart = true;
    private final List<String> extraArgs = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public AppProcess(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.httpPort = freePort();
        this.pgPort = freePort();
        this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Runs the application as in production: the JIT's full optimisation (slower start, faster code) and a heap of
     * {@code heap}. The crash tests keep the quick start, whose speed they do not measure.
     */
    public AppProcess asInProduction(String heap) {
        this.heap = heap;
        this.quickStart = false;
        return this;
    }

    /** Keeps the quick start but caps the heap, for tests that show memory stays bounded. */
    AppProcess withHeap(String heap) {
        this.heap = heap;
        return this;
    }

    /** More command-line arguments for the application, such as {@code --tuopin.security.trusted-proxies=...}. */
    public AppProcess withArgs(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /** Starts the application and waits until its health endpoint answers UP. */
    public AppProcess start() throws Exception {
        String classpath = Optional.ofNullable(System.getProperty("surefire.test.class.path"))
                .orElse(System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", classpath, "org.tuopin.Application",
                // command-line arguments win over the tests' config/application.properties
                "--server.port=" + httpPort, "--tuopin.embedded-db.ephemeral=false", "--tuopin.demo.enabled=true",
                "--tuopin.embedded-db.dir=" + dataDir, "--tuopin.embedded-db.port=" + pgPort,
                "--logging.level.root=WARN", "--logging.level.org.tuopin=INFO"));
        command.addAll(extraArgs);
        if (quickStart) {
            command.add(1, "-XX:TieredStopAtLevel=1");
        } else {
            // Vaadin as deployed: no development tools, no debug output, the prebuilt production bundle
            command.add("--vaadin.productionMode=true");
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String text = Files.readString(log);
                throw new IllegalStateException("The application exited with " + process.exitValue() + ":\n"
                        + text.substring(Math.max(0, text.length() - 4000)));
            }
            try {
                if (get("/actuator/health", null).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The application did not come up within 120 s; see " + log);
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The PostgreSQL server the application started, from its lock file. */
    public long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip());
    }

    public Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/postgres?user=postgres");
    }

    HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpRequest importRequest(byte[] csv, String user) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/figures/import?dryRun=false"))
                .timeout(Duration.ofMinutes(10)).header("Content-Type", "text/csv")
                .header("Authorization", basic(user)).POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build();
    }

    HttpClient http() {
        return http;
    }

    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Stops the application gracefully (which stops its PostgreSQL too), or kills it. */
    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
