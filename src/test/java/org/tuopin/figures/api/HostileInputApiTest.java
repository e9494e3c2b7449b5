package org.tuopin.figures.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tuopin.TuopinTest;
import org.tuopin.corpus.CorpusFile;

/**
 * The hostile-input corpus ({@code src/test/resources/corpus/}) through the REST API and the import: every case
 * ends in the specific 4xx answer or import problem its line names, never a 5xx or a stack trace, and nothing
 * is stored. Markup and formulas in text are stored exactly as typed and answered as JSON text. No test
 * transaction: each request commits or rolls back on its own, as in the running app.
 */
@TuopinTest
class HostileInputApiTest {

    static final String REPORT = "/api/v1/reports/513400/2020";
    static final String HEADER = "region_code,year,metric,value,unit,kind,source,note\n";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserDetailsService users;

    private Map<String, Object> before;

    @BeforeEach
    void countWhatIsStored() {
        before = stored();
    }

    @AfterEach
    void removeThe2020Reports() {
        jdbc.sql("delete from yearly_report where year = 2020 and region_id in (select id from region where code like '5134%')")
                .update();
    }

    /** What a refused request must leave as it was. */
    private Map<String, Object> stored() {
        return jdbc.sql("""
                        select (select count(*) from yearly_report) as reports, (select count(*) from figure_value) as figures,
                               (select coalesce(sum(version), 0) from yearly_report) as versions,
                               (select count(*) from report_transition) as transitions,
                               (select count(*) from region) as regions, (select count(*) from account) as accounts""")
                .query().singleRow();
    }

    private void assertNothingStored() {
        assertThat(stored()).as("nothing stored").isEqualTo(before);
    }

    private MvcResult send(MockHttpServletRequestBuilder request, String username) throws Exception {
        MvcResult result = mvc.perform(request.with(user(users.loadUserByUsername(username)))).andReturn();
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as("never a server error: " + body).isLessThan(500);
        assertThat(body).as("never a stack trace").doesNotContain("Exception", "\tat org.", "at java.");
        return result;
    }

    private static String jsonString(String s) {
        return tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(s);
    }

    private static String csvRow(String... cells) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            printer.printRecord((Object[]) cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private MvcResult importCsv(String csv, boolean dryRun) throws Exception {
        return send(post("/api/v1/figures/import").param("dryRun", String.valueOf(dryRun))
                .contentType("text/csv").content(csv.getBytes(StandardCharsets.UTF_8)), "clerk.liangshan");
    }

    private static void assertProblem(MvcResult result, String key, String column) throws Exception {
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<Map<String, Object>> problems = JsonPath.read(body, "$.problems");
        assertThat(problems).as(body).anySatisfy(p -> {
            assertThat((String) p.get("message")).contains(CorpusFile.fixedParts(key));
            if (column != null) {
                assertThat(p.get("column")).isEqualTo(column);
            }
        });
    }

    // ----- numbers: REST body and import cell

    static Stream<Arguments> numbers() {
        return CorpusFile.rows("numbers.tsv").stream().map(c -> Arguments.of(CorpusFile.label(c[0]), c[1], c[0]));
    }

    @ParameterizedTest(name = "REST value {0} ({1})")
    @MethodSource("numbers")
    void aHostileNumberInTheBodyIsRefused(String label, String category, String cell) throws Exception {
        String body = "{\"version\": 0, \"values\": [{\"metric\": \"people_relocated\", \"value\": "
                + jsonString(CorpusFile.text(cell)) + "}]}";
        MvcResult result = send(put(REPORT).contentType(MediaType.APPLICATION_JSON).content(body), "clerk.liangshan");
        assertThat(result.getResponse().getStatus()).isEqualTo("negative".equals(category) ? 422 : 400);
        assertThat(JsonPath.<String>read(result.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.error"))
                .isNotBlank();
        assertNothingStored();
    }

    @ParameterizedTest(name = "import value {0} ({1})")
    @MethodSource("numbers")
    void aHostileNumberInAnImportIsAProblemOfItsRow(String label, String category, String cell) throws Exception {
        String csv = HEADER + csvRow("513400", "2020", "people_relocated", CorpusFile.text(cell), "persons", "", "", "");
        MvcResult result = importCsv(csv, false);
        List<Map<String, Object>> problems = JsonPath.read(result.getResponse().getContentAsString(StandardCharsets.UTF_8),
                "$.problems");
        if (CorpusFile.text(cell).strip().isEmpty()) {
            // an empty cell means "not reported" in the import's format (the untouched template is all such rows)
            assertThat(result.getResponse().getStatus()).isEqualTo(200);
            assertThat(problems).isEmpty();
        } else {
            assertThat(result.getResponse().getStatus()).isEqualTo(422);
            assertThat(problems).isNotEmpty();
        }
        assertThat(JsonPath.<Integer>read(result.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.accepted"))
                .isZero();
        assertNothingStored();
    }

    // ----- texts: REST body and import cell

    static Stream<Arguments> texts() {
        return CorpusFile.rows("texts.tsv").stream().map(c -> Arguments.of(c[0], CorpusFile.label(c[1]), c[1]));
    }

    @ParameterizedTest(name = "REST note {1}: {0}")
    @MethodSource("texts")
    void aHostileNoteIsRefusedOrKeptExactlyAsText(String expect, String label, String cell) throws Exception {
        String text = CorpusFile.text(cell);
        String body = "{\"version\": 0, \"values\": [{\"metric\": \"people_relocated\", \"value\": 100, \"note\": "
                + jsonString(text) + "}]}";
        MvcResult result = send(put(REPORT).contentType(MediaType.APPLICATION_JSON).content(body), "clerk.liangshan");
        if ("refused".equals(expect)) {
            assertThat(result.getResponse().getStatus()).isEqualTo(400);
            assertNothingStored();
            return;
        }
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        MvcResult read = send(get(REPORT), "auditor");
        assertThat(read.getResponse().getContentType()).startsWith("application/json");
        List<String> notes = JsonPath.read(read.getResponse().getContentAsString(StandardCharsets.UTF_8),
                "$.values[?(@.metric == 'people_relocated')].note");
        assertThat(notes).containsExactly(text.strip());
    }

    @ParameterizedTest(name = "import note {1}: {0}")
    @MethodSource("texts")
    void aHostileNoteInAnImportIsAProblemOrPassesUnchanged(String expect, String label, String cell) throws Exception {
        String csv = HEADER + csvRow("513400", "2020", "people_relocated", "100", "persons", "", "", CorpusFile.text(cell));
        boolean refused = "refused".equals(expect);
        MvcResult result = importCsv(csv, !refused);
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).isEqualTo(refused ? 422 : 200);
        assertThat(JsonPath.<List<?>>read(body, "$.problems")).hasSize(refused ? 1 : 0);
        assertThat(JsonPath.<Integer>read(body, "$.accepted")).isEqualTo(refused ? 0 : 1);
        assertNothingStored();
    }

    // ----- REST parameters, bodies and media types

    static Stream<Arguments> restRequests() {
        return CorpusFile.rows("rest-requests.tsv").stream()
                .map(c -> Arguments.of(c[0], CorpusFile.label(c[1]), c[2], c[3], c[4], Integer.parseInt(c[5]), c[1]));
    }

    @ParameterizedTest(name = "{0} {1} as {2} ({4}): {5}")
    @MethodSource("restRequests")
    void aHostileRequestGetsItsSpecificAnswer(String method, String label, String username, String contentType,
                                              String body, int status, String path) throws Exception {
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(method),
                URI.create(CorpusFile.text(path)));
        if (!"-".equals(contentType)) {
            request.header("Content-Type", contentType);
        }
        if (!"-".equals(body)) {
            request.content(CorpusFile.bytes(body));
        }
        MvcResult result = send(request, username);
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(status);
        if (status >= 400) {
            assertNothingStored();
        }
    }

    // ----- import rows and whole files

    static Stream<Arguments> importRows() {
        return CorpusFile.rows("import-rows.tsv").stream()
                .map(c -> Arguments.of(c[1], c[0], CorpusFile.label(c[2]), c[2]));
    }

    @ParameterizedTest(name = "import row {2}: {0} in {1}")
    @MethodSource("importRows")
    void aHostileRowIsAProblemOfItsRowAndColumn(String key, String column, String label, String row) throws Exception {
        MvcResult result = importCsv(HEADER + CorpusFile.text(row) + "\n", false);
        assertThat(result.getResponse().getStatus()).isEqualTo(422);
        assertProblem(result, key, "-".equals(column) ? null : column);
        assertNothingStored();
    }

    static Stream<Arguments> importFiles() {
        return CorpusFile.rows("import-files.tsv").stream()
                .map(c -> Arguments.of(c[0], c[1], Boolean.parseBoolean(c[2]), c[3], Integer.parseInt(c[4]), c[5]));
    }

    @ParameterizedTest(name = "import file: {0}")
    @MethodSource("importFiles")
    void aHostileFileIsRefusedAsAWhole(String name, String contentType, boolean dryRun, String body, int status,
                                       String key) throws Exception {
        MvcResult result = send(post("/api/v1/figures/import").param("dryRun", String.valueOf(dryRun))
                .contentType(contentType).content(CorpusFile.bytes(body)), "clerk.liangshan");
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(status);
        if (!"-".equals(key)) {
            assertProblem(result, key, null);
        }
        assertNothingStored();
    }
}
