package org.tuopin.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tuopin.packaged.PackagedApp;
import org.tuopin.packaged.SharedApp;

/** The session id lives in its cookie only: never in a URL, and the cookie is SameSite=Lax and HttpOnly. */
@ExtendWith(SharedApp.class)
class SessionCookieIT {

    @Test
    void noRedirectCarriesTheSessionIdAndEverySessionCookieIsLaxAndHttpOnly(PackagedApp app) throws Exception {
        Visitor visitor = new Visitor(app);
        visitor.get("/figures");
        visitor.get("/login");
        visitor.signIn("clerk.nujiang", "not the password at all");
        visitor.signIn("clerk.nujiang", PackagedApp.DEMO_PASSWORD);
        visitor.get("/figures");

        List<HttpResponse<String>> redirects = visitor.seen.stream().filter(r -> r.statusCode() / 100 == 3).toList();
        assertThat(redirects).as("redirects seen").hasSizeGreaterThanOrEqualTo(3);
        for (HttpResponse<String> response : visitor.seen) {
            String what = response.request().method() + " " + response.request().uri().getPath() + ": "
                    + response.headers().map();
            assertThat(response.headers().firstValue("Location").orElse("")).as(what).doesNotContainIgnoringCase("jsessionid");
            assertThat(response.body()).as(what).doesNotContainIgnoringCase("jsessionid=");
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                if (cookie.startsWith("JSESSIONID=")) {
                    assertThat(cookie).as(what).contains("; HttpOnly").containsIgnoringCase("; SameSite=Lax");
                }
            }
        }
        assertThat(visitor.seen.stream().flatMap(r -> r.headers().allValues("Set-Cookie").stream())
                .filter(c -> c.startsWith("JSESSIONID="))).as("session cookies seen").hasSizeGreaterThanOrEqualTo(2);
    }
}
