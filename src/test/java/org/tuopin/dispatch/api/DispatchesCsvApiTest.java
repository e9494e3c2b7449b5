package org.tuopin.dispatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.dispatch.DispatchRole;
import org.tuopin.dispatch.DispatchService;
import org.tuopin.dispatch.OfficialRank;
import org.tuopin.dispatch.PostingInput;
import org.tuopin.dispatch.PostingRow;

/** {@code /api/v1/dispatches.csv} is the roster: scoped, filtered like the grid, every column, RFC 4180. */
@TuopinTest
class DispatchesCsvApiTest {

    static final String PASSWORD = "tuopin-demo-2020";
    static final List<String> COLUMNS = List.of("id", "official_no", "name", "rank", "sending_organisation", "role",
            "region_code", "region_name_en", "region_name_zh", "village", "start_date", "end_date", "bilingual", "note",
            "created_by", "created_at", "updated_by", "updated_at", "version");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DispatchService dispatches;
    @Autowired
    UserDetailsService users;

    PostingRow zhaojue;
    PostingRow butuo;
    PostingRow lushui;

    void signIn(String username) {
        SignIn.as(users, username);
    }

    @BeforeEach
    void record() {
        signIn("clerk.liangshan");
        zhaojue = dispatches.create(new PostingInput("API-1", "Aniu Ashi", OfficialRank.SECTION_LEVEL,
                "Sichuan Provincial Department of Finance", DispatchRole.FIRST_SECRETARY, "513431", "Sanhe Village",
                LocalDate.of(2017, 3, 1), null, true, "says \"hello\", twice\nsecond line"));
        butuo = dispatches.create(new PostingInput("API-2", "=HYPERLINK(\"x\")", OfficialRank.DIVISION_LEVEL,
                "Sichuan University", DispatchRole.TECHNICAL_TALENT, "513429", null, LocalDate.of(2016, 1, 1),
                LocalDate.of(2016, 12, 31), false, null));
        signIn("clerk.nujiang");
        lushui = dispatches.create(new PostingInput("API-3", "He Nu", OfficialRank.OTHER, "Yunnan Provincial Government",
                DispatchRole.VILLAGE_WORK_TEAM, "533301", null, LocalDate.of(2018, 1, 1), null, false, null));
        SecurityContextHolder.clearContext();
    }

    @AfterEach
    void remove() {
        SecurityContextHolder.clearContext();
        jdbc.sql("delete from official_posting").update();
    }

    private String get200(String user, String url) throws Exception {
        var response = mvc.perform(get(url).with(httpBasic(user, PASSWORD))).andExpect(status().isOk()).andReturn()
                .getResponse();
        assertThat(response.getContentType()).startsWith("text/csv");
        return new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    private static List<CSVRecord> csv(String body) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(body))
                .getRecords();
    }

    @Test
    void theRosterWithEveryColumnInTheCallersScope() throws Exception {
        String body = get200("clerk.liangshan", "/api/v1/dispatches.csv");
        assertThat(body.lines().findFirst().orElseThrow()).isEqualTo(String.join(",", COLUMNS));
        assertThat(body).contains("\r\n");
        List<CSVRecord> rows = csv(body);
        assertThat(rows).extracting(r -> r.get("official_no")).containsExactly("API-1", "API-2");
        CSVRecord first = rows.getFirst();
        assertThat(first.get("id")).isEqualTo(String.valueOf(zhaojue.id()));
        assertThat(first.get("name")).isEqualTo("Aniu Ashi");
        assertThat(first.get("rank")).isEqualTo("SECTION_LEVEL");
        assertThat(first.get("role")).isEqualTo("FIRST_SECRETARY");
        assertThat(first.get("region_code")).isEqualTo("513431");
        assertThat(first.get("region_name_zh")).isEqualTo("昭觉县");
        assertThat(first.get("village")).isEqualTo("Sanhe Village");
        assertThat(first.get("start_date")).isEqualTo("2017-03-01");
        assertThat(first.get("end_date")).isEmpty();
        assertThat(first.get("bilingual")).isEqualTo("true");
        assertThat(first.get("note")).isEqualTo("says \"hello\", twice\nsecond line");
        assertThat(first.get("created_by")).isEqualTo("clerk.liangshan");
        assertThat(first.get("version")).isEqualTo(String.valueOf(zhaojue.version()));
        // a cell a spreadsheet would run as a formula is written as text
        assertThat(rows.get(1).get("name")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(rows.get(1).get("end_date")).isEqualTo("2016-12-31");

        assertThat(csv(get200("clerk.nujiang", "/api/v1/dispatches.csv"))).extracting(r -> r.get("official_no"))
                .containsExactly("API-3");
        assertThat(csv(get200("auditor", "/api/v1/dispatches.csv"))).hasSize(3);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'EXPORT' and entity_id = 'dispatches'"
                + " and account = 'clerk.liangshan'").query(Long.class).single()).isPositive();
    }

    @Test
    void theGridsFiltersAsQueryParameters() throws Exception {
        assertThat(csv(get200("auditor", "/api/v1/dispatches.csv?region=513400"))).extracting(r -> r.get("official_no"))
                .containsExactlyInAnyOrder("API-1", "API-2");
        assertThat(csv(get200("auditor", "/api/v1/dispatches.csv?role=VILLAGE_WORK_TEAM")))
                .extracting(r -> r.get("official_no")).containsExactly("API-3");
        assertThat(csv(get200("auditor", "/api/v1/dispatches.csv?rank=DIVISION_LEVEL")))
                .extracting(r -> r.get("official_no")).containsExactly("API-2");
        assertThat(csv(get200("auditor", "/api/v1/dispatches.csv?organisation=sichuan u")))
                .extracting(r -> r.get("official_no")).containsExactly("API-2");
        assertThat(csv(get200("auditor", "/api/v1/dispatches.csv?servingOn=2018-06-01")))
                .extracting(r -> r.get("official_no")).containsExactlyInAnyOrder("API-1", "API-3");
        assertThat(csv(get200("auditor", "/api/v1/dispatches.csv?region=513429&servingOn=2018-06-01"))).isEmpty();
    }

    @Test
    void outsideTheScopeIsNotFoundAndBadParametersAreRefused() throws Exception {
        mvc.perform(get("/api/v1/dispatches.csv?region=533300").with(httpBasic("clerk.liangshan", PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/dispatches.csv?role=CHIEF").with(httpBasic("auditor", PASSWORD)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/dispatches.csv?servingOn=June").with(httpBasic("auditor", PASSWORD)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/dispatches.csv")).andExpect(status().isUnauthorized());
    }

    @Test
    void thePublishedCountsStayAvailableAsCountsWithTheirSource() throws Exception {
        List<CSVRecord> counts = csv(get200("supervisor.sichuan", "/api/v1/dispatch-counts.csv"));
        assertThat(counts).hasSize(1);
        assertThat(counts.getFirst().get("region_code")).isEqualTo("513400");
        assertThat(counts.getFirst().get("count")).isEqualTo("5700");
        assertThat(counts.getFirst().get("source")).isEqualTo("Sichuan Daily 2018");
    }
}
