package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tuopin.TuopinTest;

/**
 * Every REST endpoint of the application, with every HTTP method, for every role and for no sign-in at all. The
 * table below must name every request mapping in {@code org.tuopin}: a new endpoint fails
 * {@link #everyEndpointIsInTheTable()} until its access is decided here. Sign-in is simulated (no bcrypt per
 * request); HTTP Basic itself is covered by {@code ApiAccessTest}.
 */
@TuopinTest
class EndpointAccessMatrixTest {

    static final List<String> ROLES = List.of("anonymous", "admin", "supervisor.sichuan", "clerk.liangshan", "auditor");
    static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

    /**
     * mapping (as Spring names it), a request that reaches it, its body, and the expected status for
     * anonymous, admin, supervisor.sichuan, clerk.liangshan and auditor.
     */
    record Row(String mapping, HttpMethod method, String path, String contentType, String body, int... statuses) {
    }

    static final String JSON = "application/json";
    static final List<Row> TABLE = List.of(
            new Row("GET /api/v1/figures.csv", HttpMethod.GET, "/api/v1/figures.csv?region=513400", null, null,
                    401, 200, 200, 200, 200),
            new Row("GET /api/v1/figures.xlsx", HttpMethod.GET, "/api/v1/figures.xlsx?region=513400", null, null,
                    401, 200, 200, 200, 200),
            new Row("GET /api/v1/dispatches.csv", HttpMethod.GET, "/api/v1/dispatches.csv", null, null,
                    401, 200, 200, 200, 200),
            new Row("GET /api/v1/dispatch-counts.csv", HttpMethod.GET, "/api/v1/dispatch-counts.csv", null, null,
                    401, 200, 200, 200, 200),
            new Row("GET /api/v1/pairings.csv", HttpMethod.GET, "/api/v1/pairings.csv", null, null,
                    401, 200, 200, 200, 200),
            new Row("GET /api/v1/audit.csv", HttpMethod.GET, "/api/v1/audit.csv?entityType=none", null, null,
                    401, 200, 200, 200, 200),
            new Row("GET /api/v1/audit/verify", HttpMethod.GET, "/api/v1/audit/verify", null, null,
                    401, 200, 200, 403, 200),
            new Row("GET /api/v1/reports/{regionCode}/{year}", HttpMethod.GET, "/api/v1/reports/513400/2019", null, null,
                    401, 200, 200, 200, 200),
            new Row("PUT /api/v1/reports/{regionCode}/{year}", HttpMethod.PUT, "/api/v1/reports/513400/2020", JSON,
                    "{\"version\": 0, \"values\": []}", 401, 403, 403, 200, 403),
            new Row("POST /api/v1/reports/{regionCode}/{year}/submit", HttpMethod.POST,
                    "/api/v1/reports/513400/2020/submit", JSON, "{\"version\": 0}", 401, 403, 403, 404, 403),
            new Row("POST /api/v1/reports/{regionCode}/{year}/approve", HttpMethod.POST,
                    "/api/v1/reports/513400/2020/approve", JSON, "{\"version\": 0}", 401, 403, 404, 403, 403),
            new Row("POST /api/v1/reports/{regionCode}/{year}/return", HttpMethod.POST,
                    "/api/v1/reports/513400/2020/return", JSON, "{\"version\": 0, \"reason\": \"x\"}",
                    401, 403, 404, 403, 403),
            new Row("POST /api/v1/reports/{regionCode}/{year}/reopen", HttpMethod.POST,
                    "/api/v1/reports/513400/2020/reopen", JSON, "{\"version\": 0, \"reason\": \"x\"}",
                    401, 403, 404, 403, 403),
            new Row("POST /api/v1/figures/import", HttpMethod.POST, "/api/v1/figures/import?dryRun=true", "text/csv",
                    "region_code,year,metric,value,unit\n513400,2020,people_relocated,1,persons\n",
                    401, 403, 403, 200, 403),
            new Row("* /actuator/**,/api/**", HttpMethod.GET, "/api/v1/nothing-here", null, null, 401, 404, 404, 404, 404));

    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @AfterEach
    void removeThe2020Reports() {
        jdbc.sql("delete from yearly_report where year = 2020 and region_id in (select id from region where code like '5134%')")
                .update();
    }

    private static String name(RequestMappingInfo info) {
        Set<RequestMethodName> methods = new TreeSet<>();
        info.getMethodsCondition().getMethods().forEach(m -> methods.add(new RequestMethodName(m.name())));
        String method = methods.isEmpty() ? "*" : String.join(",", methods.stream().map(RequestMethodName::name).toList());
        return method + " " + String.join(",", info.getPatternValues());
    }

    record RequestMethodName(String name) implements Comparable<RequestMethodName> {
        @Override
        public int compareTo(RequestMethodName o) {
            return name.compareTo(o.name);
        }
    }

    @Test
    void everyEndpointIsInTheTable() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("org.tuopin")) {
                mapped.add(name(info));
            }
        });
        Set<String> listed = new TreeSet<>(TABLE.stream().map(Row::mapping).toList());
        assertThat(mapped).as("every endpoint of org.tuopin has its row in TABLE").isEqualTo(listed);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Row row : TABLE) {
            for (int r = 0; r < ROLES.size(); r++) {
                out.add(Arguments.of(row.method(), row.path(), ROLES.get(r), row.statuses()[r], row));
            }
        }
        return out.stream();
    }

    private MvcResult perform(HttpMethod method, String path, String role, String contentType, String body)
            throws Exception {
        MockHttpServletRequestBuilder request = request(method, path);
        if (contentType != null) {
            request.contentType(contentType);
        }
        if (body != null) {
            request.content(body.getBytes(StandardCharsets.UTF_8));
        }
        if (!"anonymous".equals(role)) {
            request.with(user(users.loadUserByUsername(role)));
        }
        return mvc.perform(request).andReturn();
    }

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @MethodSource("cases")
    void eachRoleGetsItsAnswer(HttpMethod method, String path, String role, int status, Row row) throws Exception {
        MvcResult result = perform(method, path, role, row.contentType(), row.body());
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
    }

    static Stream<Arguments> otherMethods() {
        List<Arguments> out = new ArrayList<>();
        Set<String> patterns = new TreeSet<>();
        for (Row row : TABLE) {
            String pattern = row.mapping().substring(row.mapping().indexOf(' ') + 1);
            if (row.mapping().startsWith("*") || !patterns.add(pattern)) {
                continue;
            }
            Set<String> mapped = new TreeSet<>();
            TABLE.stream().filter(r -> r.mapping().endsWith(" " + pattern)).forEach(r -> mapped.add(r.method().name()));
            for (HttpMethod m : METHODS) {
                boolean served = mapped.contains(m.name()) || (m == HttpMethod.HEAD && mapped.contains("GET"));
                if (!served && m != HttpMethod.OPTIONS) {
                    out.add(Arguments.of(m, row.path()));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}: 405, and 401 without sign-in")
    @MethodSource("otherMethods")
    void everyOtherMethodIsRefused(HttpMethod method, String path) throws Exception {
        assertThat(perform(method, path, "anonymous", "application/json", "{}").getResponse().getStatus()).isEqualTo(401);
        MvcResult result = perform(method, path, "admin", "application/json", "{}");
        assertThat(result.getResponse().getStatus()).isEqualTo(405);
        assertThat(result.getResponse().getHeader("Allow")).isNotBlank();
    }
}
