package org.tuopin.audit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.tuopin.ApiCalls;
import org.tuopin.TuopinTest;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ReportModels.ValueInput;
import org.tuopin.figures.ReportService;
import org.tuopin.figures.ValueKind;

/**
 * The audit trail over the API: its entries as CSV in the caller's scope, exports among them, and the chain's verification.
 *
 * <p>No test transaction: exports record themselves in the audit trail in a transaction of their own, which
 * would wait for a test transaction holding the chain's head.
 */
@TuopinTest
class AuditApiTest {

    @org.junit.jupiter.api.AfterEach
    void removeDraft() {
        jdbc.sql("delete from yearly_report where year = 2020 and region_id = (select id from region where code = '513431')")
                .update();
    }

    static final String PASSWORD = ApiCalls.DEMO_PASSWORD;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReportService reports;

    @Test
    void theAuditorFindsTheClerksChangeAndExportsAreThemselvesAudited() throws Exception {
        var user = org.springframework.security.core.context.SecurityContextHolder.getContext();
        var clerk = new org.springframework.security.authentication.UsernamePasswordAuthenticationToken("clerk.liangshan",
                null, List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_DATA_ENTRY")));
        user.setAuthentication(clerk);
        reports.saveDraft("513431", 2020, 0, List.of(new ValueInput(Metric.PEOPLE_RELOCATED, ValueKind.ACTUAL,
                new BigDecimal("1234"), "Zhaojue office", null)));
        org.springframework.security.core.context.SecurityContextHolder.clearContext();

        List<CSVRecord> entries = ApiCalls.csv(ApiCalls.get200(mvc, "auditor", "/api/v1/audit.csv?entityType=report&entityId=513431/2020"));
        assertThat(entries).isNotEmpty();
        CSVRecord latest = entries.getLast();
        assertThat(latest.get("account")).isEqualTo("clerk.liangshan");
        assertThat(latest.get("action")).isEqualTo("CREATE");
        assertThat(latest.get("changes")).contains("people_relocated/actual: – → 1234");

        List<CSVRecord> own = ApiCalls.csv(ApiCalls.get200(mvc, "clerk.nujiang", "/api/v1/audit.csv"));
        assertThat(own).allSatisfy(r -> assertThat(r.get("account")).isEqualTo("clerk.nujiang"));

        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'EXPORT' and account = 'auditor'")
                .query(Integer.class).single()).isPositive();
    }

    @Test
    void verificationOverTheApi() throws Exception {
        mvc.perform(get("/api/v1/audit/verify").with(httpBasic("auditor", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true))
                .andExpect(jsonPath("$.entries").isNumber());
        mvc.perform(get("/api/v1/audit/verify").with(httpBasic("clerk.liangshan", PASSWORD)))
                .andExpect(status().isForbidden());
    }
}
