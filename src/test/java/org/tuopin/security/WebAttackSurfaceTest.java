package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.tuopin.TuopinTest;

/**
 * Known classes of Spring weaknesses, each refused: open redirects after sign-in, session fixation, forged
 * cross-site writes to the API, and Spring Boot Actuator beyond a bare health answer. What needs the Vaadin
 * servlet behind the filters (skipped filters, traversal, CSRF on the UI) is in {@code reliability.LiveAttackSurfaceTest},
 * against the real server.
 */
@TuopinTest
class WebAttackSurfaceTest {

    static final String PASSWORD = DemoAccounts.PASSWORD;

    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService users;

    private MvcResult anonymous(String rawPath) throws Exception {
        return mvc.perform(get(URI.create(rawPath))).andReturn();
    }

    // ----- open redirects after sign-in

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://evil.example/", "//evil.example/", "/\\evil.example", "http:evil.example",
            "javascript:alert(1)", "%2F%2Fevil.example", "/login?continue=https://evil.example"})
    void signingInNeverLeavesTheSite(String target) throws Exception {
        MockHttpSession session = new MockHttpSession();
        // a request for a page with the target in every place a redirect might be taken from
        mvc.perform(get("/figures").param("continue", target).param("redirect", target).param("returnTo", target)
                .header("Referer", target).session(session)).andReturn();
        MvcResult login = mvc.perform(post("/login").param("username", "clerk.liangshan").param("password", PASSWORD)
                .param("continue", target).param("redirect", target).param("redirect_uri", target)
                .header("Referer", target).session(session).with(csrf())).andReturn();
        String location = login.getResponse().getHeader("Location");
        assertThat(login.getResponse().getStatus()).isEqualTo(302);
        assertThat(location).doesNotContain("evil", "javascript:");
        assertThat(URI.create(location).getHost()).isIn(null, "localhost");
    }

    // ----- session fixation

    @Test
    void signingInGivesANewSessionId() throws Exception {
        MockHttpSession planted = new MockHttpSession();
        String before = planted.getId();
        MvcResult login = mvc.perform(post("/login").param("username", "clerk.liangshan").param("password", PASSWORD)
                .session(planted).with(csrf())).andReturn();
        assertThat(login.getResponse().getStatus()).isEqualTo(302);
        assertThat(login.getRequest().getSession().getId()).as("a planted session id is worthless after sign-in")
                .isNotEqualTo(before);
    }

    // ----- cross-site request forgery

    @Test
    void theApiIgnoresTheBrowserSessionSoAForgedRequestCarriesNoCredentials() throws Exception {
        MockHttpSession session = new MockHttpSession();
        MvcResult login = mvc.perform(post("/login").param("username", "clerk.liangshan").param("password", PASSWORD)
                .session(session).with(csrf())).andReturn();
        MockHttpSession signedIn = (MockHttpSession) login.getRequest().getSession();
        // what a page on another site could make the browser send, with its cookie
        MvcResult forged = mvc.perform(request(HttpMethod.PUT, "/api/v1/reports/513400/2020").session(signedIn)
                .contentType("application/json").header("Origin", "https://evil.example")
                .content("{\"version\": 0, \"values\": [{\"metric\": \"people_relocated\", \"value\": 1}]}")).andReturn();
        assertThat(forged.getResponse().getStatus()).isEqualTo(401);
        assertThat(forged.getResponse().getHeader("Set-Cookie")).as("the API never opens a session").isNull();
    }

    // ----- Spring Boot Actuator

    @Test
    void healthIsPublicAndSaysNothingButUpOrDown() throws Exception {
        MvcResult health = anonymous("/actuator/health");
        assertThat(health.getResponse().getStatus()).isEqualTo(200);
        assertThat(health.getResponse().getContentAsString()).contains("\"status\":\"UP\"")
                .doesNotContain("components", "details", "db", "diskSpace", "postgres");
    }

    @ParameterizedTest(name = "{0}: anonymous 401, clerk 403, auditor 403, admin {1}")
    @CsvSource({"/actuator, 200", "/actuator/metrics, 200", "/actuator/info, 200", "/actuator/flyway, 200"})
    void everyOtherActuatorEndpointIsForAdministratorsOnly(String path, int adminStatus) throws Exception {
        assertThat(anonymous(path).getResponse().getStatus()).isEqualTo(401);
        assertThat(mvc.perform(get(path).with(httpBasic("clerk.liangshan", PASSWORD))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get(path).with(user(users.loadUserByUsername("auditor")))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get(path).with(user(users.loadUserByUsername("admin")))).andReturn().getResponse()
                .getStatus()).isEqualTo(adminStatus);
    }
}
