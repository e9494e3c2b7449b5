package org.tuopin.base.export.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.base.export.ExportService;
import org.tuopin.figures.ReportState;

/** Every grid's export writes what the grid shows, in the reader's scope, and can be cancelled while it runs. */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class GridExportsTest extends SpringBrowserlessTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ExportService exports;

    private List<CSVRecord> exportCsv(String route, boolean machineNames) throws IOException {
        UI.getCurrent().navigate(route);
        ExportMenu menu = find(ExportMenu.class).single();
        menu.headers.setValue(machineNames);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        menu.export(ExportMenu.Format.CSV, out);
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(false).get()
                .parse(new StringReader(out.toString(StandardCharsets.UTF_8))).getRecords();
    }

    private long exportsRecorded(String what) {
        return jdbc.sql("select count(*) from audit_entry where action = 'EXPORT' and entity_id = :w")
                .param("w", what).query(Long.class).single();
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void theRegionsExportListsTheWholeTreeInScopeParentsFirst() throws IOException {
        long before = exportsRecorded("regions");
        List<CSVRecord> rows = exportCsv("regions", true);
        assertThat(rows).hasSize(12);
        assertThat(rows.getFirst().get("region_code")).isEqualTo("513400");
        assertThat(rows.getFirst().get("parent_code")).isEqualTo("510000");
        assertThat(rows).extracting(r -> r.get("region_code")).contains("513431").doesNotContain("533300");
        assertThat(rows).filteredOn(r -> r.get("region_code").equals("513431"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("name_zh")).isEqualTo("昭觉县");
                    assertThat(r.get("parent_code")).isEqualTo("513400");
                    assertThat(r.get("level")).isEqualTo("COUNTY");
                });
        assertThat(exportsRecorded("regions")).isEqualTo(before + 1);
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void theProgressExportHasARowPerRegionAndYearAndFollowsTheStateFilter() throws IOException {
        List<CSVRecord> all = exportCsv("progress", true);
        assertThat(all).hasSize(12 * 5); // twelve regions, 2016 to 2020
        assertThat(all).filteredOn(r -> r.get("region_code").equals("513400") && r.get("year").equals("2019"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("state")).isEqualTo("APPROVED");
                    assertThat(r.get("metric")).isEqualTo("people_lifted_out");
                    assertThat(r.get("value")).isEqualTo("141000");
                });
        assertThat(all).filteredOn(r -> r.get("region_code").equals("513431")).extracting(r -> r.get("state"))
                .containsOnly("MISSING");

        @SuppressWarnings("unchecked")
        Select<ReportState> state = (Select<ReportState>) find(Select.class).all().stream()
                .filter(s -> s.getLabel() != null && s.getLabel().equals("State")).findFirst().orElseThrow();
        state.setValue(ReportState.APPROVED);
        ExportMenu menu = find(ExportMenu.class).single();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        menu.export(ExportMenu.Format.CSV, out);
        List<CSVRecord> approved = CSVFormat.RFC4180.builder().setHeader().get()
                .parse(new StringReader(out.toString(StandardCharsets.UTF_8))).getRecords();
        assertThat(approved).extracting(r -> r.get("region_code") + "/" + r.get("year"))
                .containsExactly("513400/2018", "513400/2019");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void theRulesExportListsEveryRuleWithItsDescriptionInTheReadersLanguage() throws IOException {
        List<CSVRecord> rows = exportCsv("figures/rules", false);
        assertThat(rows).hasSize(org.tuopin.figures.rules.Rules.ALL.size());
        assertThat(rows.getFirst().toMap()).containsKeys("Rule", "Severity", "Description");
        assertThat(rows).extracting(r -> r.get("Rule")).contains("E-NEGATIVE", "W-POOR-CONTINUITY");
    }

    @Test
    @WithUserDetails("supervisor.sichuan")
    void theInboxExportListsWhatWaitsForTheReader() throws IOException {
        jdbc.sql("""
                        insert into yearly_report(region_id, year, state, created_by, updated_by, submitted_by)
                        values ((select id from region where code = '513437'), 2017, 'SUBMITTED', 'clerk.liangshan',
                                'clerk.liangshan', 'clerk.liangshan')""").update();
        try {
            List<CSVRecord> rows = exportCsv("inbox", true);
            assertThat(rows).filteredOn(r -> r.get("region_code").equals("513437"))
                    .singleElement().satisfies(r -> {
                        assertThat(r.get("year")).isEqualTo("2017");
                        assertThat(r.get("state")).isEqualTo("SUBMITTED");
                    });
        } finally {
            jdbc.sql("delete from yearly_report where year = 2017 and region_id = (select id from region where code = '513437')")
                    .update();
        }
    }

    @Test
    @WithUserDetails("admin")
    void theAccountsExportListsAccountsWithoutSecrets() throws IOException {
        List<CSVRecord> rows = exportCsv("admin/users", true);
        assertThat(rows).extracting(r -> r.get("username")).contains("admin", "clerk.liangshan", "auditor");
        assertThat(rows.getFirst().toMap().keySet()).noneMatch(k -> k.contains("password_hash") || k.contains("secret"));
        assertThat(rows).filteredOn(r -> r.get("username").equals("clerk.liangshan")).singleElement()
                .satisfies(r -> {
                    assertThat(r.get("role")).isEqualTo("DATA_ENTRY");
                    assertThat(r.get("region_code")).isEqualTo("513400");
                });
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void anXlsxExportOfTheRegionsOpensWithTypedCells() throws IOException {
        UI.getCurrent().navigate("regions");
        ExportMenu menu = find(ExportMenu.class).single();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        menu.export(ExportMenu.Format.XLSX, out);
        try (XSSFWorkbook book = new XSSFWorkbook(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Region code");
            assertThat(sheet.getLastRowNum()).isEqualTo(12);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("513400");
        }
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aRunningExportCanBeCancelledAndTheCancellationIsAudited() {
        long cancelledBefore = jdbc.sql("""
                select count(*) from audit_entry where action = 'EXPORT_ABORTED' and entity_id = 'endless'
                  and reason = 'cancelled by the reader'""").query(Long.class).single();
        ExportMenu[] menu = new ExportMenu[1];
        menu[0] = new ExportMenu("endless", exports, () -> "test", (format, header, out) -> {
            byte[] line = "a row of an export that would not end by itself\n".getBytes(StandardCharsets.UTF_8);
            for (long row = 0; ; row++) {
                try {
                    out.write(line);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                if (row == 1000) {
                    menu[0].watch();
                    menu[0].refreshProgress();
                    assertThat(menu[0].progressText.getText()).endsWith("KB written…");
                    menu[0].cancelRunning(); // the reader presses Cancel
                }
            }
        });
        UI.getCurrent().add(menu[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> menu[0].export(ExportMenu.Format.CSV, out)).isInstanceOf(ExportMenu.Cancelled.class);
        assertThat(out.size()).isLessThan(1002 * 60);
        menu[0].refreshProgress();
        assertThat(menu[0].progressText.getText()).startsWith("Export cancelled after").contains("incomplete");
        assertThat(menu[0].cancel.isVisible()).isFalse();
        assertThat(jdbc.sql("""
                select count(*) from audit_entry where action = 'EXPORT_ABORTED' and entity_id = 'endless'
                  and reason = 'cancelled by the reader'""").query(Long.class).single()).isEqualTo(cancelledBefore + 1);
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aFinishedExportSaysHowManyRowsItWrote() throws IOException {
        UI.getCurrent().navigate("regions");
        ExportMenu menu = find(ExportMenu.class).single();
        menu.watch();
        assertThat(menu.progressText.getText()).isEqualTo("Preparing the export…");
        assertThat(menu.cancel.isVisible()).isTrue();
        menu.export(ExportMenu.Format.CSV, new ByteArrayOutputStream());
        menu.refreshProgress();
        assertThat(menu.progressText.getText()).isEqualTo("Export finished: 12 rows.");
        assertThat(menu.cancel.isVisible()).isFalse();
        assertThat(menu.progressBar.isVisible()).isFalse();
    }
}
