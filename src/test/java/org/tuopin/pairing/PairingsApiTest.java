package org.tuopin.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;

/** {@code GET /api/v1/pairings.csv}: every column, the grid's filters, the caller's scope, RFC 4180. */
@TuopinTest
class PairingsApiTest {

    static final String PASSWORD = "tuopin-demo-2020";
    static final List<String> COLUMNS = List.of("id", "donor", "donor_type", "recipient_code", "year",
            "funds_pledged_rmb", "funds_delivered_rmb", "projects", "people_helped", "source", "note");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PairingService pairings;
    @Autowired
    UserDetailsService users;

    @AfterEach
    void removeTestRecords() {
        SecurityContextHolder.clearContext();
        jdbc.sql("delete from pairing where donor like 'Test %'").update();
    }

    private String get200(String user, String url) throws Exception {
        return new String(mvc.perform(get(url).with(httpBasic(user, PASSWORD))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    private static List<CSVRecord> csv(String body) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(body))
                .getRecords();
    }

    private PairingService.Pairing createAs(String username, PairingInput input) {
        SignIn.as(users, username);
        try {
            return pairings.create(input);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void theAuditorGetsJiangsusPairingWithQinghaiWithEveryColumnAndItsSource() throws Exception {
        String body = get200("auditor", "/api/v1/pairings.csv");
        assertThat(body).startsWith(String.join(",", COLUMNS) + "\r\n");
        List<CSVRecord> rows = csv(body);
        assertThat(rows).hasSize(14);
        CSVRecord jiangsu = rows.stream().filter(r -> r.get("donor").equals("Jiangsu Province")).findFirst().orElseThrow();
        assertThat(jiangsu.get("donor_type")).isEqualTo("EAST_WEST_PROVINCE");
        assertThat(jiangsu.get("recipient_code")).isEqualTo("630000");
        assertThat(jiangsu.get("year")).isEqualTo("2018");
        assertThat(jiangsu.get("funds_delivered_rmb")).isEqualTo("275000000");
        assertThat(jiangsu.get("funds_pledged_rmb")).as("no pledge was published").isEmpty();
        assertThat(jiangsu.get("source")).isEqualTo("Wang 2020");
        assertThat(jiangsu.get("note")).isEqualTo("annual partner assistance funds");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("source")).isNotBlank());
    }

    @Test
    void theGridsFiltersAreQueryParameters() throws Exception {
        assertThat(csv(get200("auditor", "/api/v1/pairings.csv?recipient=650000&year=2018"))).hasSize(6)
                .allSatisfy(r -> assertThat(r.get("recipient_code")).isEqualTo("650000"));
        assertThat(csv(get200("auditor", "/api/v1/pairings.csv?donorType=PRIVATE_ENTERPRISE")))
                .extracting(r -> r.get("donor")).containsExactly("1157 private enterprises");
        assertThat(csv(get200("auditor", "/api/v1/pairings.csv?donorType=EAST_WEST_PROVINCE&year=2019")))
                .extracting(r -> r.get("funds_delivered_rmb") + "/" + r.get("projects")).containsExactly("18819000000/1935");
        mvc.perform(get("/api/v1/pairings.csv?donorType=FOREIGN_STATE").with(httpBasic("auditor", PASSWORD)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/pairings.csv?recipient=999999").with(httpBasic("auditor", PASSWORD)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aLocalOfficeExportsOnlyItsOwnScopeAndTextIsQuotedAsRfc4180Asks() throws Exception {
        var own = createAs("clerk.liangshan", new PairingInput("Test Foshan, \"Guangdong\"", DonorType.EAST_WEST_PROVINCE,
                "513431", 2019, new BigDecimal("10"), new BigDecimal("12"), null, null, "Liangshan office",
                "two tranches,\nthe second in December"));
        createAs("clerk.nujiang", new PairingInput("Test Zhuhai", DonorType.EAST_WEST_PROVINCE, "533300", 2019, null,
                null, null, null, "Nujiang office", null));

        String body = get200("clerk.liangshan", "/api/v1/pairings.csv");
        assertThat(body).contains("\"Test Foshan, \"\"Guangdong\"\"\"").doesNotContain("Zhuhai");
        List<CSVRecord> rows = csv(body);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("id")).isEqualTo(String.valueOf(own.id()));
            assertThat(r.get("donor")).isEqualTo("Test Foshan, \"Guangdong\"");
            assertThat(r.get("funds_pledged_rmb")).isEqualTo("10");
            assertThat(r.get("funds_delivered_rmb")).isEqualTo("12");
            assertThat(r.get("note")).isEqualTo("two tranches,\nthe second in December");
        });
        mvc.perform(get("/api/v1/pairings.csv?recipient=533300").with(httpBasic("clerk.liangshan", PASSWORD)))
                .andExpect(status().isNotFound());
        assertThat(csv(get200("clerk.nujiang", "/api/v1/pairings.csv"))).extracting(r -> r.get("donor"))
                .containsExactly("Test Zhuhai");
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry where action = 'EXPORT' and entity_id = 'pairings'
                          and account = 'clerk.liangshan'""").query(Integer.class).single()).isPositive();
    }
}
