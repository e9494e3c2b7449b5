package org.tuopin.figures.api;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.TuopinTest;

/** The report API: same rules and states as the form, answered with 200, 400, 403, 404, 409, 422 and 423. */
@TuopinTest
@Transactional
class ReportsApiTest {

    static final String PASSWORD = "tuopin-demo-2020";
    static final String URL = "/api/v1/reports/513400/2020";

    @Autowired
    MockMvc mvc;

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String user, String body) {
        return request.with(httpBasic(user, PASSWORD)).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void aReportNotStartedAnswersWithStateNotStartedAndVersionZero() throws Exception {
        mvc.perform(get(URL).with(httpBasic("clerk.liangshan", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("NOT_STARTED"))
                .andExpect(jsonPath("$.version").value(0))
                .andExpect(jsonPath("$.values").isEmpty());
        mvc.perform(get("/api/v1/reports/513400/2018").with(httpBasic("auditor", PASSWORD)))
                .andExpect(jsonPath("$.state").value("APPROVED"))
                .andExpect(jsonPath("$.values[?(@.metric == 'poverty_incidence')].value").value(hasItem("7.1")))
                .andExpect(jsonPath("$.values[?(@.metric == 'poverty_incidence')].source").value(hasItem("Suga 2019")));
        mvc.perform(get("/api/v1/reports/533300/2018").with(httpBasic("clerk.liangshan", PASSWORD)))
                .andExpect(status().isNotFound());
    }

    @Test
    void theWholeLoopOverRest() throws Exception {
        mvc.perform(json(put(URL), "clerk.liangshan", """
                        {"version": 0, "values": [{"metric": "funds_total", "value": 1000000},
                                                   {"metric": "funds_central", "value": 2000000}]}"""))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.findings[0].rule").value("E-FUNDS-EXCEED-TOTAL"))
                .andExpect(jsonPath("$.findings[0].severity").value("ERROR"))
                .andExpect(jsonPath("$.findings[0].fields").isNotEmpty())
                .andExpect(jsonPath("$.findings[0].message").isNotEmpty());
        mvc.perform(json(put(URL), "clerk.liangshan", """
                        {"version": 0, "values": [{"metric": "funds_total", "value": 1000000, "source": "county finance"},
                                                   {"metric": "people_lifted_out", "value": 50000}]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DRAFT"))
                .andExpect(jsonPath("$.version").value(1));
        mvc.perform(json(put(URL), "clerk.liangshan", "{\"version\": 0, \"values\": []}"))
                .andExpect(status().isConflict());
        mvc.perform(json(post(URL + "/submit"), "clerk.liangshan", "{\"version\": 1}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.findings[0].severity").value("WARNING"));
        mvc.perform(json(post(URL + "/submit"), "clerk.liangshan",
                        "{\"version\": 1, \"explanation\": \"the last cohort\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("SUBMITTED"));
        mvc.perform(json(post(URL + "/approve"), "clerk.liangshan", "{\"version\": 2}"))
                .andExpect(status().isForbidden());
        mvc.perform(json(post(URL + "/return"), "supervisor.sichuan", "{\"version\": 2}"))
                .andExpect(status().isBadRequest());
        mvc.perform(json(post(URL + "/approve"), "supervisor.sichuan", "{\"version\": 2}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("APPROVED"));
        mvc.perform(json(put(URL), "clerk.liangshan", "{\"version\": 3, \"values\": [{\"metric\": \"funds_total\", \"value\": 5}]}"))
                .andExpect(status().isLocked());
        mvc.perform(json(post(URL + "/reopen"), "supervisor.sichuan", "{\"version\": 3, \"reason\": \"revised totals\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("RETURNED"));
    }

    @Test
    void aClosedYearIs423AndBadBodiesAre400() throws Exception {
        mvc.perform(json(put("/api/v1/reports/513431/2019"), "clerk.liangshan",
                        "{\"version\": 0, \"values\": [{\"metric\": \"people_relocated\", \"value\": 5}]}"))
                .andExpect(status().isLocked());
        mvc.perform(json(put(URL), "clerk.liangshan", "{\"values\": []}")).andExpect(status().isBadRequest());
        mvc.perform(json(put(URL), "clerk.liangshan",
                        "{\"version\": 0, \"values\": [{\"metric\": \"happiness\", \"value\": 5}]}"))
                .andExpect(status().isBadRequest());
        mvc.perform(json(put(URL), "clerk.liangshan", "{\"version\": \"zero\"")).andExpect(status().isBadRequest());
        mvc.perform(json(put(URL), "auditor", "{\"version\": 0, \"values\": []}")).andExpect(status().isForbidden());
    }
}
