package org.tuopin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Known classes of Vaadin and Spring weaknesses against the real server (Tomcat, the Vaadin servlet, the
 * filters in front of it), with raw request lines that no HTTP client library would tidy up: paths that try to
 * skip the security filters, path traversal on static resources, cross-site request forgery on the sign-in and
 * the UI, and Actuator endpoints beyond health. Runs in the child-process execution beside the crash tests.
 */
@Tag("crash")
class LiveAttackSurfaceTest {

    static final String PROXY = "127.0.0.1/32";
    static final String UNTRUSTED = "127.0.0.2";

    @TempDir
    static Path temp;
    static AppProcess app;

    @BeforeAll
    static void start() throws Exception {
        // the tests' own 127.0.0.1 is the trusted load balancer; 127.0.0.2 (loopback too) is an untrusted client
        app = new AppProcess(temp.resolve("pg")).withArgs("--tuopin.security.trusted-proxies=" + PROXY + ", ::1/128")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    /** Sends the request line exactly as written and returns the status line, headers and body. */
    static String raw(String method, String target, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.httpPort)) {
            socket.setSoTimeout(20_000);
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
            for (String h : headers) {
                request.append(h).append("\r\n");
            }
            request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/VAADIN", "/VAADIN/", "/VAADIN/../api/v1/figures.csv", "/VAADIN/..%2Fapi/v1/figures.csv",
            "/VAADIN%2F..%2Fapi/v1/figures.csv", "/styles/../api/v1/figures.csv", "/api/v1/figures.csv;jsessionid=1",
            "/api;x=1/v1/figures.csv", "/api/v1;/figures.csv", "/api%2Fv1%2Ffigures.csv", "/api/v1/./figures.csv",
            "//api/v1/figures.csv", "/api//v1/figures.csv", "/API/v1/figures.csv", "/api/v1/figures.csv/",
            "/%2e%2e/api/v1/figures.csv", "/api/v1/%2e/figures.csv", "/api/v1/figures%2Ecsv",
            "/api/v1/audit/verify%00", "/api/v1/audit/verify%0d%0aX-Injected:%201", "/actuator/../api/v1/audit/verify",
            "/actuator/health/../../api/v1/audit.csv", "/actuator;/metrics", "/actuator/health;/../metrics",
            "/actuator/%2e%2e/actuator/metrics", "/ACTUATOR/metrics", "/login/../api/v1/figures.csv",
            "/VAADIN/dynamic/resource/../../api/v1/audit.csv", "/figures;x=1", "/audit/", "/admin/users;/",
            "/?v-r=uidl&v-uiId=0", "/VAADIN/push", "/HEARTBEAT/", "/sw.js/../api/v1/figures.csv"})
    void aPathThatTriesToSkipTheFiltersGetsNoData(String path) throws Exception {
        String response = raw("GET", path);
        int status = status(response);
        assertThat(status).as(path + "\n" + response.lines().limit(12).toList()).isIn(200, 302, 400, 401, 403, 404, 405);
        assertThat(response).doesNotContain("region_code,", "\"intact\"", "jvm.memory", "X-Injected: 1",
                "Exception", "\tat org.");
        if (status == 302) {
            assertThat(response).containsPattern("(?i)location: [^\\r\\n]*/login");
        }
        if (status == 200) {
            // only Vaadin's own public resources and pages that need no sign-in
            assertThat(response).doesNotContain("text/csv", "spreadsheetml");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/styles/../../../../etc/passwd", "/styles/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/styles/..%2f..%2f..%2fetc%2fpasswd", "/styles/..%5c..%5capplication.properties", "/styles/....//....//etc/passwd",
            "/VAADIN/../application.properties", "/VAADIN/static/..%2f..%2fapplication.properties",
            "/application.properties", "/config/application.properties", "/styles/../application.properties",
            "/META-INF/resources/../application.properties", "/WEB-INF/web.xml", "/META-INF/MANIFEST.MF",
            "/org/tuopin/Application.class", "/db/migration/V1__schema.sql", "/security/common-passwords.txt",
            "/webjars/../application.properties", "/webjars/echarts/5.3.1/../../../../application.properties",
            "/styles/%252e%252e/%252e%252e/etc/passwd", "/styles/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
            "/VAADIN/build/../../../../etc/passwd", "/VAADIN/static/%2e%2e/%2e%2e/WEB-INF/web.xml"})
    void aTraversalOnStaticResourcesRevealsNothing(String path) throws Exception {
        String response = raw("GET", path);
        assertThat(response).doesNotContain("root:x:0:0", "spring.application", "secret-key", "create table",
                "Exception", "password123");
        assertThat(status(response)).as(path).isNotEqualTo(500);
    }

    @ParameterizedTest(name = "{0} {1} without a CSRF token")
    @CsvSource({"POST, /login", "POST, /logout", "POST, /figures", "PUT, /figures", "DELETE, /admin/users",
            "POST, /", "PATCH, /regions", "POST, /?v-r=uidl&v-uiId=0"})
    void aWriteToTheUiWithoutTheTokenChangesNothing(String method, String path) throws Exception {
        String response = raw(method, path, "Content-Type: application/x-www-form-urlencoded",
                "Origin: https://evil.example");
        int status = status(response);
        assertThat(status).as(response).isIn(200, 302, 400, 401, 403, 405);
        if (status == 200) {
            // Vaadin's own endpoint: without a session and its security key it changes nothing and says so
            assertThat(path).startsWith("/?v-r=uidl");
            assertThat(response).contains("\"changes\":{}", "appError");
        }
        if (status == 302) {
            assertThat(response).containsPattern("(?i)location: [^\\r\\n]*/login");
        }
    }

    @Test
    void aForgedSignInWithoutTheTokenDoesNotSignIn() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> forged = client.send(HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + app.httpPort + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("username=clerk.liangshan&password=" + AppProcess.PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as(forged.headers().map().toString()).isIn(200, 302, 403);
        // whatever it answered, the browser is not signed in: the next page still wants a sign-in
        HttpResponse<String> next = client.send(HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + app.httpPort + "/figures")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void aSignInFromTheApplicationsOwnPageStillWorks() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + app.httpPort;
        HttpResponse<String> signIn = client.send(HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString("username=clerk.liangshan&password=" + AppProcess.PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        HttpResponse<String> next = client.send(HttpRequest.newBuilder(java.net.URI.create(base + "/figures")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).as("signed in").isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}: {1} for an administrator")
    @CsvSource({"/actuator/env, 404", "/actuator/beans, 404", "/actuator/heapdump, 404", "/actuator/threaddump, 404",
            "/actuator/loggers, 404", "/actuator/shutdown, 404", "/actuator/mappings, 404", "/actuator/configprops, 404",
            "/actuator/metrics, 200", "/actuator/health, 200"})
    void actuatorEndpointsBeyondHealthAreForAdministratorsAndMostAreNotThereAtAll(String path, int adminStatus)
            throws Exception {
        int anonymous = status(raw("GET", path));
        assertThat(anonymous).isEqualTo(path.endsWith("/health") ? 200 : 401);
        assertThat(status(raw("GET", path, "Authorization: " + AppProcess.basic("auditor")))).isEqualTo(
                path.endsWith("/health") ? 200 : 403);
        String admin = raw("GET", path, "Authorization: " + AppProcess.basic("admin"));
        assertThat(status(admin)).as(String.valueOf(admin.lines().limit(10).toList())).isEqualTo(adminStatus);
        assertThat(status(raw("POST", "/actuator/shutdown", "Authorization: " + AppProcess.basic("admin"))))
                .isIn(404, 405);
    }

    /** A request with a body, sent from the given local address (127.0.0.1: the trusted proxy; 127.0.0.2: not). */
    static String rawFrom(String localAddress, String method, String target, String body, String... headers)
            throws IOException {
        try (Socket socket = new Socket(java.net.InetAddress.getByName("127.0.0.1"), app.httpPort,
                java.net.InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(20_000);
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
            for (String h : headers) {
                request.append(h).append("\r\n");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            request.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String wrongBasic(String user) {
        return "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":not-the-password").getBytes(StandardCharsets.UTF_8));
    }

    /** The addresses the server counted failed sign-ins for. */
    static java.util.Set<String> countedAddresses() throws Exception {
        try (var db = app.database(); var rs = db.createStatement().executeQuery(
                "select client_address from sign_in_client")) {
            java.util.Set<String> addresses = new java.util.TreeSet<>();
            while (rs.next()) {
                addresses.add(rs.getString(1));
            }
            return addresses;
        }
    }

    @Test
    void anInventedForwardedForFromAnUntrustedClientIsIgnored() throws Exception {
        for (String header : new String[]{"X-Forwarded-For: 203.0.113.9", "Forwarded: for=203.0.113.10;proto=https"}) {
            String response = rawFrom(UNTRUSTED, "GET", "/api/v1/figures.csv", "", wrongBasic("nobody.untrusted"),
                    header, "X-Forwarded-Proto: https");
            assertThat(status(response)).isEqualTo(401);
        }
        assertThat(countedAddresses()).as("throttling counts the socket's address").contains(UNTRUSTED)
                .doesNotContain("203.0.113.9", "203.0.113.10");
        // the session cookie of an untrusted client claiming https stays as plain as its connection
        String signIn = rawFrom(UNTRUSTED, "POST", "/login", "username=clerk.nujiang&password=" + AppProcess.PASSWORD,
                "Content-Type: application/x-www-form-urlencoded", "Origin: http://localhost", "X-Forwarded-Proto: https");
        assertThat(signIn).containsPattern("(?i)set-cookie: JSESSIONID=").doesNotContainPattern("(?i)set-cookie:[^\r\n]*secure");
        try (var db = app.database(); var rs = db.createStatement().executeQuery("""
                select client_address from audit_entry where action = 'SIGN_IN' and account = 'clerk.nujiang'
                order by seq desc limit 1""")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("the audit trail has the socket's address").isEqualTo(UNTRUSTED);
        }
    }

    @Test
    void aTrustedProxysForwardedForIsTheClientForThrottlingAndTheAuditTrail() throws Exception {
        // the left-most entry is whatever the client claimed; the proxy appended the address it saw
        assertThat(status(rawFrom("127.0.0.1", "GET", "/api/v1/figures.csv", "", wrongBasic("nobody.proxied"),
                "X-Forwarded-For: 6.6.6.6, 198.51.100.23"))).isEqualTo(401);
        assertThat(status(rawFrom("127.0.0.1", "GET", "/api/v1/figures.csv", "", wrongBasic("nobody.proxied"),
                "Forwarded: for=\"[2001:db8::17]:4711\";proto=https"))).isEqualTo(401);
        assertThat(countedAddresses()).contains("198.51.100.23", "2001:db8::17").doesNotContain("6.6.6.6");

        String signIn = rawFrom("127.0.0.1", "POST", "/login", "username=clerk.liangshan&password=" + AppProcess.PASSWORD,
                "Content-Type: application/x-www-form-urlencoded", "Origin: https://localhost",
                "X-Forwarded-For: 198.51.100.24", "X-Forwarded-Proto: https");
        assertThat(status(signIn)).as(signIn).isEqualTo(302);
        assertThat(signIn).as("behind a proxy that says https the session cookie is Secure")
                .containsPattern("(?i)set-cookie: JSESSIONID=[^\r\n]*;\\s*secure");
        try (var db = app.database(); var rs = db.createStatement().executeQuery("""
                select client_address from audit_entry where action = 'SIGN_IN' and account = 'clerk.liangshan'
                order by seq desc limit 1""")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("198.51.100.24");
        }
    }
}
