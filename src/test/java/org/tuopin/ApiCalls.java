package org.tuopin;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.test.web.servlet.MockMvc;

/** What the API tests of every module do to call an export as a demo account and read its CSV. */
public final class ApiCalls {

    /** The demo accounts' published password (security/DemoAccounts). */
    public static final String DEMO_PASSWORD = "tuopin-demo-2020";

    private ApiCalls() {
    }

    /** The body of a GET answered 200, signed in over HTTP Basic as the demo account {@code user}. */
    public static byte[] get200(MockMvc mvc, String user, String url) throws Exception {
        return mvc.perform(get(url).with(httpBasic(user, DEMO_PASSWORD))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsByteArray();
    }

    /** The records of a CSV body with a header line, by column name. */
    public static List<CSVRecord> csv(byte[] body) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(body, StandardCharsets.UTF_8))).getRecords();
    }
}
