package org.tuopin.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.TuopinTest;

/** The REST API against the same table: 401 without a valid sign-in, 403 when refused, 404 outside the scope. */
@TuopinTest
class ApiAccessTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest(name = "{0} asks for {1}: {2}")
    @CsvSource({
            "admin, 513400, 200", "admin, 533300, 200",
            "supervisor.sichuan, 513400, 200", "supervisor.sichuan, 510000, 200", "supervisor.sichuan, 533300, 404",
            "supervisor.sichuan, GROUP:THREE_AREAS_THREE_PREFECTURES, 404",
            "clerk.liangshan, 513400, 200", "clerk.liangshan, 513431, 200", "clerk.liangshan, 510000, 404",
            "clerk.liangshan, 533300, 404", "clerk.liangshan, 999999, 404",
            "clerk.nujiang, 533300, 200", "clerk.nujiang, 513400, 404",
            "auditor, 513400, 200", "auditor, GROUP:EIGHT_PROVINCES, 200"})
    void figuresByRegion(String user, String region, int status) throws Exception {
        mvc.perform(get("/api/v1/figures.csv").param("region", region).with(httpBasic(user, DemoAccounts.PASSWORD)))
                .andExpect(status().is(status));
    }

    @Test
    void noCredentialsOrWrongCredentialsAre401() throws Exception {
        mvc.perform(get("/api/v1/figures.csv")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic("nobody", "nothing at all")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    @Transactional
    void anAccountThatMustChangeItsPasswordIs403() throws Exception {
        jdbc.sql("update account set must_change_password = true where username = 'auditor'").update();
        mvc.perform(get("/api/v1/figures.csv").with(httpBasic("auditor", DemoAccounts.PASSWORD)))
                .andExpect(status().isForbidden());
    }
}
