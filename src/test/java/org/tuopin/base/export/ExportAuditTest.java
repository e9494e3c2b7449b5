package org.tuopin.base.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.figures.FigureExports;
import org.tuopin.figures.FigureFilter;
import org.tuopin.figures.FigureQueryService;

/**
 * An export leaves its start in the audit trail before the first byte, and its end: finished with the row count, or
 * aborted with the rows and bytes that had left and why, when the client stops reading or the query fails.
 */
@TuopinTest
class ExportAuditTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserDetailsService users;
    @Autowired
    ExportService exports;
    @Autowired
    FigureQueryService figures;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private long lastSeq() {
        return jdbc.sql("select coalesce(max(seq), 0) from audit_entry").query(Long.class).single();
    }

    /** The export entries written after {@code seq}, oldest first. */
    private List<Map<String, Object>> exportEntries(long seq) {
        return jdbc.sql("""
                        select action, account, entity_id, changes, reason from audit_entry
                        where seq > :seq and entity_type = 'export' order by seq""")
                .param("seq", seq).query().listOfRows();
    }

    @Test
    void aCompletedExportLeavesItsStartAndItsEndWithTheRowCount() throws Exception {
        long before = lastSeq();
        String body = mvc.perform(get("/api/v1/figures.csv").param("year", "2019")
                        .with(user(users.loadUserByUsername("auditor"))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        long dataRows = body.lines().count() - 1;
        assertThat(dataRows).isPositive();

        List<Map<String, Object>> entries = exportEntries(before);
        assertThat(entries).extracting(e -> e.get("action")).containsExactly("EXPORT_STARTED", "EXPORT");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get("account")).isEqualTo("auditor");
            assertThat(e.get("entity_id")).isEqualTo("figures-long");
            assertThat((String) e.get("changes")).contains("year=2019, region=null", "csv");
        });
        assertThat((String) entries.get(1).get("changes")).contains("\"rows\"", "\"" + dataRows + "\"");
        assertThat(exportId(entries.get(0))).isEqualTo(exportId(entries.get(1)));
    }

    @Test
    void anExportWhoseClientStopsReadingLeavesItsStartAndAnAbort() {
        SignIn.as(users, "auditor");
        long before = lastSeq();
        // the response stream of a client that went away before the writer's first 64 KB buffer left
        OutputStream closedByTheClient = new OutputStream() {
            long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > 0) {
                    throw new IOException("Broken pipe");
                }
                written += len;
            }
        };
        assertThatThrownBy(() -> AuditedExport.stream(exports, "figures-long", "csv", "year=null, region=null",
                closedByTheClient, (out, counter) -> TableExport.csv(out, false,
                        FigureExports.longFormat(TableExport.MACHINE_NAMES, false),
                        AuditedExport.counted(s -> figures.stream(FigureFilter.none(), s), counter))))
                .hasRootCauseMessage("Broken pipe");

        List<Map<String, Object>> entries = exportEntries(before);
        assertThat(entries).extracting(e -> e.get("action")).containsExactly("EXPORT_STARTED", "EXPORT_ABORTED");
        Map<String, Object> abort = entries.get(1);
        assertThat(abort.get("reason")).isEqualTo(ExportService.CLIENT_GONE);
        assertThat((String) abort.get("changes")).contains("rowsWritten", "{\"field\":\"bytesWritten\",\"before\":null,\"after\":\"0\"}");
        assertThat((String) abort.get("changes")).doesNotContain("{\"field\":\"rowsWritten\",\"before\":null,\"after\":\"0\"}");
        assertThat(exportId(entries.get(0))).isEqualTo(exportId(abort));
    }

    @Test
    void anExportWhoseQueryFailsLeavesItsStartAndAnAbort() {
        SignIn.as(users, "auditor");
        long before = lastSeq();
        assertThatThrownBy(() -> AuditedExport.stream(exports, "figures-long", "csv", "", OutputStream.nullOutputStream(),
                (out, counter) -> TableExport.csv(out, false, FigureExports.longFormat(TableExport.MACHINE_NAMES, false),
                        AuditedExport.counted(s -> figures.stream(FigureFilter.none(), row -> {
                            if (counter.get() == 100) {
                                throw new DataAccessResourceFailureException("connection lost");
                            }
                            s.accept(row);
                        }), counter))))
                .isInstanceOf(DataAccessResourceFailureException.class);

        List<Map<String, Object>> entries = exportEntries(before);
        assertThat(entries).extracting(e -> e.get("action")).containsExactly("EXPORT_STARTED", "EXPORT_ABORTED");
        assertThat((String) entries.get(1).get("reason")).startsWith("the export failed");
        assertThat((String) entries.get(1).get("changes")).contains("\"rowsWritten\"", "\"100\"");
    }

    private static String exportId(Map<String, Object> entry) {
        String changes = (String) entry.get("changes");
        int at = changes.indexOf("exportId");
        assertThat(at).as(changes).isNotNegative();
        return changes.substring(at, changes.indexOf('}', at));
    }
}
