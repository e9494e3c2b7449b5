package org.tuopin.dispatch.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;

import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.audit.AuditQueryService.AuditRow;
import org.tuopin.dispatch.DispatchRole;
import org.tuopin.dispatch.DispatchService;
import org.tuopin.dispatch.OfficialRank;
import org.tuopin.dispatch.PostingInput;
import org.tuopin.dispatch.PostingRow;
import org.tuopin.base.export.ui.ExportMenu;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
class DispatchViewTest extends SpringBrowserlessTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DispatchService dispatches;
    @Autowired
    UserDetailsService users;

    @AfterEach
    void removePostings() {
        jdbc.sql("delete from official_posting").update();
    }

    List<PostingRow> rows(DispatchView view) {
        var grid = test(view.grid);
        return IntStream.range(0, grid.size()).mapToObj(grid::getRow).toList();
    }

    PostingForm fillFirstSecretary(DispatchView view, String no, String village, LocalDate start) {
        test(view.add).click();
        PostingForm form = find(PostingForm.class).single();
        test(form.officialNo).setValue(no);
        test(form.name).setValue("Aniu Ashi");
        test(form.rank).selectItem("Section level");
        test(form.organisation).setValue("Sichuan Provincial Department of Finance");
        test(form.role).selectItem("First secretary");
        test(form.region).setFilter("Zhaojue");
        test(form.region).selectItem("513431 Zhaojue County");
        test(form.village).setValue(village);
        test(form.start).setValue(start);
        return form;
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void theClerkRecordsAFirstSecretaryAndIsRefusedAnOverlappingOneWithTheOtherPostingNamed() {
        DispatchView view = navigate(DispatchView.class);
        assertThat(view.add.isVisible()).isTrue();
        assertThat(view.readOnly.isVisible()).isFalse();
        assertThat(view.total.getText()).isEqualTo("All postings: 0");

        PostingForm form = fillFirstSecretary(view, "51343119800101001X", "Sanhe Village", LocalDate.of(2017, 3, 1));
        test(form.save).click();
        assertThat(find(PostingForm.class).all()).isEmpty();
        List<PostingRow> rows = rows(view);
        assertThat(rows).hasSize(1);
        PostingRow first = rows.getFirst();
        assertThat(first.village()).isEqualTo("Sanhe Village");
        var grid = test(view.grid);
        assertThat(grid.getCellText(0, grid.getColumnPosition("role"))).isEqualTo("First secretary");
        assertThat(grid.getCellText(0, grid.getColumnPosition("region"))).isEqualTo("513431 Zhaojue County");
        assertThat(grid.getCellText(0, grid.getColumnPosition("end"))).isEqualTo("serving");
        assertThat(view.total.getText()).isEqualTo("All postings: 1");

        PostingForm second = fillFirstSecretary(view, "51343119800101001X", "Sikai Village", LocalDate.of(2019, 1, 1));
        test(second.save).click();
        assertThat(find(PostingForm.class).all()).as("the form stays open").hasSize(1);
        assertThat(second.error.isVisible()).isTrue();
        assertThat(second.error.getText()).contains("already first secretary in posting " + first.id(),
                "513431 Zhaojue County, Sanhe Village", "2017-03-01 – …");
        assertThat(rows(view)).hasSize(1);

        // correcting the dates in the same form: a temporary post may overlap
        test(second.role).selectItem("Temporary post");
        test(second.save).click();
        assertThat(find(PostingForm.class).all()).isEmpty();
        assertThat(rows(view)).hasSize(2);
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void editingEndsAPostingAndTheHistoryLinkFindsItsAuditEntries() {
        DispatchView view = navigate(DispatchView.class);
        test(fillFirstSecretary(view, "ED-9", "Sanhe Village", LocalDate.of(2016, 1, 1)).save).click();
        PostingRow row = rows(view).getFirst();

        test(view.grid).select(0);
        test(view.edit).click();
        PostingForm form = find(PostingForm.class).single();
        assertThat(form.officialNo.getValue()).isEqualTo("ED-9");
        assertThat(form.region.getValue().code()).isEqualTo("513431");
        test(form.end).setValue(LocalDate.of(2015, 12, 31));
        test(form.save).click();
        assertThat(form.error.getText()).isEqualTo("The end date 2015-12-31 lies before the start date 2016-01-01.");
        test(form.end).setValue(LocalDate.of(2017, 12, 31));
        test(form.save).click();
        assertThat(rows(view).getFirst().endDate()).isEqualTo(LocalDate.of(2017, 12, 31));

        test(view.grid).select(0);
        test(view.history).click();
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters())
                .contains("audit").contains("entity=dispatch").contains("id=" + row.id());
        @SuppressWarnings("unchecked")
        Grid<AuditRow> audit = find(Grid.class).first();
        var entries = IntStream.range(0, test(audit).size()).mapToObj(i -> test(audit).getRow(i)).toList();
        assertThat(entries).extracting(e -> e.action().name()).containsExactly("UPDATE", "CREATE");
        assertThat(entries.getFirst().changes()).anySatisfy(c -> {
            assertThat(c.field()).isEqualTo("endDate");
            assertThat(c.after()).isEqualTo("2017-12-31");
        });
    }

    @Test
    @WithUserDetails("auditor")
    void othersReadTheRosterWithTotalsBesideThePublishedCountsAndExportWhatTheFiltersShow() throws Exception {
        as("clerk.liangshan");
        dispatches.create(new PostingInput("V-1", "Bai Lin", OfficialRank.DIVISION_LEVEL, "Sichuan University",
                DispatchRole.FIRST_SECRETARY, "513431", "Sanhe", LocalDate.of(2016, 1, 1), null, true, null));
        dispatches.create(new PostingInput("V-2", "Chen Yu", OfficialRank.SECTION_LEVEL, "Sichuan University",
                DispatchRole.VILLAGE_WORK_TEAM, "513429", "Tuojue", LocalDate.of(2018, 1, 1), null, false, null));
        as("clerk.nujiang");
        dispatches.create(new PostingInput("V-3", "He Nu", OfficialRank.SECTION_LEVEL, "Yunnan Provincial Government",
                DispatchRole.VILLAGE_WORK_TEAM, "533301", null, LocalDate.of(2017, 1, 1), LocalDate.of(2017, 12, 31),
                false, null));
        as("auditor");

        DispatchView view = navigate(DispatchView.class);
        assertThat(view.add.isVisible()).isFalse();
        assertThat(view.edit.isVisible()).isFalse();
        assertThat(view.readOnly.isVisible()).isTrue();
        assertThat(rows(view)).hasSize(3);
        assertThat(view.total.getText()).isEqualTo("All postings: 3");
        assertThat(test(view.byRole).getRow(1)).satisfies(e -> {
            assertThat(e.getKey()).isEqualTo("Village work team member");
            assertThat(e.getValue()).isEqualTo(2);
        });
        // the published counts are shown as counts with their source, not as rows of the roster
        assertThat(test(view.published).size()).isEqualTo(8);
        assertThat(IntStream.range(0, test(view.published).size()).mapToLong(i -> test(view.published).getRow(i).count())
                .sum()).isGreaterThan(70_000);

        test(view.role).selectItem("Village work team member");
        test(view.servingOn).setValue(LocalDate.of(2018, 6, 1));
        assertThat(rows(view)).extracting(PostingRow::officialNo).containsExactly("V-2");
        assertThat(view.total.getText()).isEqualTo("All postings: 1");
        assertThat(test(view.byRank).getRow(3).getValue()).as("section level").isEqualTo(1);

        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        assertThat(view.export(ExportMenu.Format.XLSX, UnaryOperator.identity(), xlsx)).isEqualTo(1);
        XSSFSheet sheet = new XSSFWorkbook(new ByteArrayInputStream(xlsx.toByteArray())).getSheetAt(0);
        assertThat(sheet.getLastRowNum()).isEqualTo(1);
        assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("official_no");
        assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("V-2");

        view.role.clear();
        view.servingOn.clear();
        test(view.organisation).setValue("sichuan");
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        assertThat(view.export(ExportMenu.Format.CSV_EXCEL, m -> view.getTranslation("export.header." + m), csv)).isEqualTo(2);
        String text = csv.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFId,Official id number,Name,Rank,Sending organisation");
        assertThat(text).contains("V-1", "V-2").doesNotContain("V-3");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void liangshansClerkSeesNoNujiangPostingNorItsPublishedCounts() {
        as("clerk.nujiang");
        dispatches.create(new PostingInput("N-9", "He Nu", OfficialRank.SECTION_LEVEL, "Yunnan Provincial Government",
                DispatchRole.VILLAGE_WORK_TEAM, "533301", null, LocalDate.of(2017, 1, 1), null, false, null));
        as("clerk.liangshan");
        DispatchView view = navigate(DispatchView.class);
        assertThat(rows(view)).isEmpty();
        assertThat(view.total.getText()).isEqualTo("All postings: 0");
        assertThat(IntStream.range(0, test(view.published).size()).mapToObj(i -> test(view.published).getRow(i)
                .regionCode())).containsExactly("513400");
        test(view.region).setFilter("Nujiang");
        assertThat(test(view.region).getSuggestionItems()).isEmpty();
    }

    private void as(String username) {
        SignIn.as(users, username);
    }
}
