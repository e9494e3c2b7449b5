package org.tuopin.pairing.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tuopin.ApiCalls;
import org.tuopin.TuopinTest;

/**
 * The pairing records over the API, in the caller's scope.
 *
 * <p>No test transaction: exports record themselves in the audit trail in a transaction of their own, which
 * would wait for a test transaction holding the chain's head.
 */
@TuopinTest
class PairingExportsApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void pairingsInScope() throws Exception {
        assertThat(ApiCalls.csv(ApiCalls.get200(mvc, "auditor", "/api/v1/pairings.csv"))).hasSize(14);
        assertThat(ApiCalls.csv(ApiCalls.get200(mvc, "clerk.nujiang", "/api/v1/pairings.csv"))).isEmpty();
    }
}
