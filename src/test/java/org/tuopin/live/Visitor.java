package org.tuopin.live;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.tuopin.packaged.PackagedApp;

/**
 * A visitor of the running jar over plain HTTP, as a browser without JavaScript: keeps its cookies, follows no
 * redirect, and remembers every response, so a test can look at all the headers a visit produced.
 */
final class Visitor {

    private final PackagedApp app;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    final List<HttpResponse<String>> seen = new ArrayList<>();

    Visitor(PackagedApp app) {
        this.app = app;
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.GET().build());
    }

    /** The login form's POST, from the application's own page. */
    HttpResponse<String> signIn(String username, String password) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(app.baseUrl + "/login")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", app.baseUrl)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password)).build());
    }

    static String[] basic(String username) {
        String token = Base64.getEncoder().encodeToString((username + ":" + PackagedApp.DEMO_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return new String[] {"Authorization", "Basic " + token};
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        seen.add(response);
        return response;
    }
}
