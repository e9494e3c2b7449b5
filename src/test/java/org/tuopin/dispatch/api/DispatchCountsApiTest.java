package org.tuopin.dispatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tuopin.ApiCalls;
import org.tuopin.TuopinTest;

/**
 * The published dispatch counts over the API, in the caller's scope.
 *
 * <p>No test transaction: exports record themselves in the audit trail in a transaction of their own, which
 * would wait for a test transaction holding the chain's head.
 */
@TuopinTest
class DispatchCountsApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void publishedDispatchCountsInScope() throws Exception {
        assertThat(ApiCalls.csv(ApiCalls.get200(mvc, "auditor", "/api/v1/dispatch-counts.csv"))).hasSize(8);
        assertThat(ApiCalls.csv(ApiCalls.get200(mvc, "supervisor.sichuan", "/api/v1/dispatch-counts.csv")))
                .extracting(r -> r.get("region_code")).containsExactly("513400");
    }
}
