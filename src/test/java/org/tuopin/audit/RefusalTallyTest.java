package org.tuopin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.tuopin.TuopinTest;

/** A flood of refused sign-ins reads as one audit entry per account, address and minute, with its count. */
@TuopinTest
class RefusalTallyTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RefusalTally tally;
    @Autowired
    javax.sql.DataSource dataSource;

    private void wrongSignIn(String user, String address) throws Exception {
        mvc.perform(post("/login").param("username", user).param("password", "not-the-password").with(csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                }));
    }

    private List<String> entries(String account, String address) {
        return jdbc.sql("""
                        select changes || ' ' || coalesce(reason, '') from audit_entry
                        where action = 'SIGN_IN_FAILED' and account = :a and client_address = :c order by seq""")
                .param("a", account).param("c", address).query(String.class).list();
    }

    @Test
    void twoHundredRefusalsOfOneAccountFromOneAddressInAMinuteAreOneEntryWithTheirCount() throws Exception {
        // the whole flood inside one minute, so that it is one tally (the fold of a closed minute may run meanwhile)
        Instant now = Instant.now();
        if (now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(35).isBefore(now)) {
            Thread.sleep(Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(61)).toMillis());
        }
        long before = jdbc.sql("select seq from audit_head").query(Long.class).single();
        for (int i = 0; i < 200; i++) {
            wrongSignIn("auditor", "10.77.0.1");
        }
        for (int i = 0; i < 3; i++) {
            wrongSignIn("supervisor", "10.77.0.1");
            wrongSignIn("auditor", "10.77.0.2");
        }
        assertThat(jdbc.sql("""
                        select action from audit_entry
                        where seq > :before and client_address like '10.77.0.%'""").param("before", before)
                .query(String.class).list())
                .as("refusals wait in the tally: only the lockout went into the chain at once").containsExactly("LOCKED_OUT");
        tally.foldBefore(Instant.now().plus(Duration.ofMinutes(1)));

        List<String> flood = entries("auditor", "10.77.0.1");
        assertThat(flood).hasSize(1);
        assertThat(flood.getFirst()).contains("{\"field\":\"refusals\",\"before\":null,\"after\":\"200\"}",
                "\"field\":\"minute\"", "BadCredentialsException × 5", "locked for this address × 195");
        assertThat(entries("supervisor", "10.77.0.1")).singleElement().asString().contains("\"after\":\"3\"");
        assertThat(entries("auditor", "10.77.0.2")).singleElement().asString().contains("\"after\":\"3\"");
        assertThat(jdbc.sql("select count(*) from refusal_tally where client_address like '10.77.0.%'")
                .query(Integer.class).single()).as("folded rows leave the tally").isZero();
        assertThat(AuditChains.verify(dataSource).intact()).isTrue();
    }
}
