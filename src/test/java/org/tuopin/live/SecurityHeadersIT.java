package org.tuopin.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tuopin.packaged.PackagedApp;
import org.tuopin.packaged.SharedApp;

/**
 * The security headers of security/SecurityConfig on every kind of response the running jar gives, read over real
 * HTTP: Vaadin's pages (served through a forward to its servlet), static files, the API, and error answers.
 */
@ExtendWith(SharedApp.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersIT {

    private Visitor anonymous;
    private Visitor signedIn;

    @BeforeAll
    void visitors(PackagedApp app) throws Exception {
        anonymous = new Visitor(app);
        signedIn = new Visitor(app);
        assertThat(signedIn.signIn("supervisor", PackagedApp.DEMO_PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    void theLoginPage() throws Exception {
        assertProtected(anonymous.get("/login"), 200);
    }

    @Test
    void aViewsBootstrapPageAfterSignIn() throws Exception {
        HttpResponse<String> page = signedIn.get("/progress");
        assertThat(page.body()).contains("<html");
        assertProtected(page, 200);
    }

    @Test
    void aStaticResource() throws Exception {
        assertProtected(anonymous.get("/styles/tuopin.css"), 200);
    }

    @Test
    void anApiAnswer() throws Exception {
        assertProtected(anonymous.get("/api/v1/audit/verify", Visitor.basic("auditor")), 200);
    }

    @Test
    void theApisErrorJson() throws Exception {
        HttpResponse<String> refused = anonymous.get("/api/v1/audit/verify");
        assertThat(refused.body()).contains("\"error\"");
        assertProtected(refused, 401);
    }

    @Test
    void anUnknownPathOfTheApi() throws Exception {
        assertProtected(anonymous.get("/api/v1/no-such-thing", Visitor.basic("auditor")), 404);
    }

    @Test
    void anUnknownPageForASignedInUser() throws Exception {
        // Vaadin answers an unknown route like one the user may not see ("not found" and "not yours" look alike)
        assertProtected(signedIn.get("/no-such-page"), 403);
    }

    @Test
    void theRedirectToTheLoginPage() throws Exception {
        assertProtected(anonymous.get("/"), 302);
    }

    private static void assertProtected(HttpResponse<String> response, int status) {
        String what = response.request().method() + " " + response.request().uri().getPath() + ": " + response.headers().map();
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Security-Policy")).as(what).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'", "frame-ancestors 'self'", "object-src 'none'"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).as(what).contains("strict-origin-when-cross-origin");
        assertThat(response.headers().allValues("X-Frame-Options")).as(what).containsExactly("SAMEORIGIN");
    }
}
