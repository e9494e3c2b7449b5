package org.tuopin.dispatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tuopin.TuopinTest;

/**
 * The published dispatch counts over the API, in the caller's scope.
 *
 * <p>No test transaction: exports record themselves in the audit trail in a transaction of their own, which
 * would wait for a test transaction holding the chain's head.
 */
@TuopinTest
class DispatchCountsApiTest {

    static final String PASSWORD = "tuopin-demo-2020";

    @Autowired
    MockMvc mvc;

    private byte[] get200(String user, String url) throws Exception {
        return mvc.perform(get(url).with(httpBasic(user, PASSWORD))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray();
    }

    private static List<CSVRecord> csv(byte[] body) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(body, StandardCharsets.UTF_8))).getRecords();
    }

    @Test
    void publishedDispatchCountsInScope() throws Exception {
        assertThat(csv(get200("auditor", "/api/v1/dispatch-counts.csv"))).hasSize(8);
        assertThat(csv(get200("supervisor.sichuan", "/api/v1/dispatch-counts.csv")))
                .extracting(r -> r.get("region_code")).containsExactly("513400");
    }
}
