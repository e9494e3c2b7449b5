package org.tuopin.figures.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.TuopinTest;
import org.tuopin.referencedata.V2__Reference_data;

@TuopinTest
class FiguresCsvControllerTest {

    static final String PASSWORD = "tuopin-demo-2020";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void withoutCredentialsTheAnswerIs401WithABasicChallenge() throws Exception {
        mvc.perform(get("/api/v1/figures.csv").param("format", "long"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic")));
    }

    @Test
    void aWrongPasswordIs401() throws Exception {
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic("auditor", "not-the-password")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void theAuditorGetsEveryPublishedFigureWithTheSameValueKindAndSource() throws Exception {
        List<CSVRecord> published = V2__Reference_data.read("yearly-figures.csv");
        String body = csv("auditor", "/api/v1/figures.csv?format=long");

        List<String> lines = body.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("region_code,year,metric,value,unit,kind,source,note");
        List<CSVRecord> returned = parse(body);
        assertThat(returned).hasSize(published.size());

        Map<String, CSVRecord> byKey = returned.stream().collect(Collectors.toMap(FiguresCsvControllerTest::key, r -> r));
        for (CSVRecord row : published) {
            CSVRecord got = byKey.get(key(row));
            assertThat(got).as("row %s", row.toMap()).isNotNull();
            assertThat(new BigDecimal(got.get("value"))).isEqualByComparingTo(new BigDecimal(row.get("value")));
            assertThat(List.of(got.get("unit"), got.get("source"), got.get("note")))
                    .containsExactly(row.get("unit"), row.get("source"), row.get("note"));
        }
    }

    @Test
    void theClerkOfLiangshanGetsLiangshanOnly() throws Exception {
        List<CSVRecord> rows = parse(csv("clerk.liangshan", "/api/v1/figures.csv?format=long"));
        assertThat(rows).isNotEmpty();
        assertThat(rows).allSatisfy(r -> assertThat(r.get("region_code")).startsWith("5134"));
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("year")).isEqualTo("2018");
            assertThat(r.get("metric")).isEqualTo("poverty_incidence");
            assertThat(r.get("value")).isEqualTo("7.1");
            assertThat(r.get("source")).isEqualTo("Suga 2019");
        });
    }

    @Test
    void yearAndRegionNarrowTheRows() throws Exception {
        List<CSVRecord> rows = parse(csv("auditor", "/api/v1/figures.csv?format=long&year=2019&region=530000"));
        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("year")).isEqualTo("2019");
            assertThat(r.get("region_code")).startsWith("53");
        });
        assertThat(rows).extracting(r -> r.get("region_code")).contains("530000", "533300", "533324");

        List<CSVRecord> group = parse(csv("auditor", "/api/v1/figures.csv?region=GROUP:EIGHT_PROVINCES"));
        assertThat(group).isNotEmpty().allSatisfy(r -> assertThat(r.get("region_code")).isEqualTo("GROUP:EIGHT_PROVINCES"));
    }

    @Test
    void aRegionOutsideTheScopeAnswersLikeOneThatDoesNotExist() throws Exception {
        mvc.perform(get("/api/v1/figures.csv").param("region", "533300").with(httpBasic("clerk.liangshan", PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/figures.csv").param("region", "999999").with(httpBasic("clerk.liangshan", PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/figures.csv").param("region", "GROUP:EIGHT_PROVINCES")
                        .with(httpBasic("supervisor.sichuan", PASSWORD)))
                .andExpect(status().isNotFound());
    }

    @Test
    void badParametersAre400() throws Exception {
        mvc.perform(get("/api/v1/figures.csv").param("format", "pivot").with(httpBasic("auditor", PASSWORD)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/figures.csv").param("year", "twenty").with(httpBasic("auditor", PASSWORD)))
                .andExpect(status().isBadRequest());
    }

    @Test
    @Transactional
    void textWithCommasQuotesNewlinesAndChineseSurvivesTheRoundTrip() throws Exception {
        String note = "第一行, with a comma and \"quotes\"\nsecond line 凉山";
        String source = "Source, \"quoted\"";
        long report = jdbc.sql("""
                        insert into yearly_report(region_id, year, state, created_by, updated_by)
                        values ((select id from region where code = '513431'), 2017, 'DRAFT', 'test', 'test') returning id""")
                .query(Long.class).single();
        jdbc.sql("""
                        insert into figure_value(report_id, year, metric, kind, value, unit, source, note)
                        values (:report, 2017, 'people_relocated', 'actual', 1234, 'persons', :source, :note)""")
                .param("report", report).param("source", source).param("note", note).update();

        String body = csv("clerk.liangshan", "/api/v1/figures.csv?region=513431");
        assertThat(body).contains("\"" + note.replace("\"", "\"\"") + "\"");
        List<CSVRecord> rows = parse(body);
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get("note")).isEqualTo(note);
        assertThat(rows.getFirst().get("source")).isEqualTo(source);
        assertThat(rows.getFirst().get("value")).isEqualTo("1234");
    }

    private String csv(String user, String url) throws Exception {
        var result = mvc.perform(get(url).with(httpBasic(user, PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("text/csv")))
                .andReturn();
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    static List<CSVRecord> parse(String body) throws Exception {
        var format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        return format.parse(new StringReader(body)).getRecords();
    }

    private static String key(CSVRecord r) {
        return r.get("region_code") + "|" + r.get("year") + "|" + r.get("metric") + "|" + r.get("kind");
    }
}
