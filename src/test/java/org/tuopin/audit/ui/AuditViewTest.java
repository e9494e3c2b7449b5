package org.tuopin.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.router.QueryParameters;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.audit.AuditQueryService.AuditRow;
import org.tuopin.audit.FieldChange;
import org.tuopin.dispatch.DispatchRole;
import org.tuopin.dispatch.DispatchService;
import org.tuopin.dispatch.OfficialRank;
import org.tuopin.dispatch.PostingInput;
import org.tuopin.dispatch.PostingRow;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ReportModels.Report;
import org.tuopin.figures.ReportModels.ValueInput;
import org.tuopin.figures.ReportService;
import org.tuopin.figures.ValueKind;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
class AuditViewTest extends SpringBrowserlessTest {

    /** The grid's columns: entry, time, account, action, record, region, changes, reason. */
    static final int ACTION = 3;
    static final int CHANGES = 6;

    @Autowired
    DispatchService dispatches;
    @Autowired
    ReportService reports;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    @AfterEach
    void removeRecords() {
        jdbc.sql("delete from official_posting where official_no like 'AL-%'").update();
        jdbc.sql("delete from yearly_report where year = 2020 and region_id = (select id from region where code = '513431')")
                .update();
    }

    private <T> T as(String username, Supplier<T> action) {
        var before = SecurityContextHolder.getContext().getAuthentication();
        SignIn.as(users, username);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(before);
        }
    }

    /** Liangshan's office records a posting, then corrects its id number, role and languages. */
    private PostingRow correctedPosting() {
        return as("clerk.liangshan", () -> {
            PostingRow row = dispatches.create(new PostingInput("AL-510", "Aniu Ashi", OfficialRank.SECTION_LEVEL,
                    "Sichuan Provincial Department of Finance", DispatchRole.VILLAGE_WORK_TEAM, "513431", "Sanhe Village",
                    LocalDate.of(2017, 1, 1), null, false, null));
            return dispatches.update(row.id(), row.version(), new PostingInput("AL-513", "Aniu Ashi",
                    OfficialRank.SECTION_LEVEL, "Sichuan Provincial Department of Finance", DispatchRole.FIRST_SECRETARY,
                    "513431", "Sanhe Village", LocalDate.of(2017, 1, 1), null, true, null));
        });
    }

    /** Zhaojue's 2020 report: entered and submitted by the office, approved by Sichuan's supervisor. */
    private void approvedReport() {
        Report submitted = as("clerk.liangshan", () -> reports.saveAndSubmit("513431", 2020, 0, List.of(
                new ValueInput(Metric.PEOPLE_RELOCATED, ValueKind.ACTUAL, new BigDecimal("12345"), "Zhaojue office",
                        null)), "Checked against the relocation register."));
        as("supervisor.sichuan", () -> reports.approve("513431", 2020, submitted.version()));
    }

    private Grid<AuditRow> history(String entity, String id) {
        UI.getCurrent().navigate("audit", QueryParameters.simple(Map.of("entity", entity, "id", id)));
        return ((AuditView) getCurrentView()).grid;
    }

    @SuppressWarnings("unchecked")
    private Grid<FieldChange> detail(Grid<AuditRow> grid, int row) {
        test(grid).clickRow(row);
        return find(Grid.class).all().stream().filter(g -> g != grid).findFirst().orElseThrow();
    }

    @Test
    @WithUserDetails("auditor")
    void aCorrectedPostingAndAReportsReviewReadWithLabelsInEnglish() {
        PostingRow posting = correctedPosting();
        approvedReport();

        var postings = test(history("dispatch", String.valueOf(posting.id())));
        assertThat(postings.size()).isEqualTo(2);
        assertThat(postings.getCellText(0, ACTION)).isEqualTo("Changed");
        assertThat(postings.getCellText(0, CHANGES)).isEqualTo("Official id number: AL-510 → AL-513; "
                + "Role: Village work team member → First secretary; Works bilingually: No → Yes");
        assertThat(postings.getCellText(1, CHANGES)).startsWith("Official id number: – → AL-510; Name: – → Aniu Ashi; "
                + "Rank: – → Section level; Sending organisation: – → Sichuan Provincial Department of Finance; ")
                .contains("County or prefecture: – → 513431", "Start date: – → 2017-01-01")
                .doesNotContain("officialNo", "startDate", "SECTION_LEVEL");

        Grid<FieldChange> change = detail(postings.getComponent(), 0);
        var fields = test(change);
        assertThat(fields.getHeaderCell(0)).isEqualTo("Field");
        assertThat(fields.size()).isEqualTo(3);
        assertThat(List.of(fields.getCellText(1, 0), fields.getCellText(1, 1), fields.getCellText(1, 2)))
                .containsExactly("Role", "Village work team member", "First secretary");
        // the stored name stays at hand: the exports and the API give it
        assertThat(change.getColumns().getFirst().getTooltipGenerator().apply(fields.getRow(0)))
                .isEqualTo("Stored as officialNo");

        var report = test(history("report", "513431/2020"));
        assertThat(report.getCellText(0, ACTION)).isEqualTo("Approved");
        assertThat(report.getCellText(0, CHANGES)).isEqualTo("State: Submitted → Approved");
        assertThat(report.getCellText(1, CHANGES)).isEqualTo("State: Draft → Submitted");
        assertThat(report.getCellText(2, CHANGES)).isEqualTo("People relocated, actual: – → 12,345; "
                + "People relocated, actual (source): – → Zhaojue office");
    }

    @Test
    @WithUserDetails("auditor")
    void andInChinese() {
        PostingRow posting = correctedPosting();
        approvedReport();
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);

        var postings = test(history("dispatch", String.valueOf(posting.id())));
        assertThat(postings.getCellText(0, ACTION)).isEqualTo("修改");
        assertThat(postings.getCellText(0, CHANGES))
                .isEqualTo("干部身份证号：AL-510 → AL-513；选派类型：驻村工作队队员 → 驻村第一书记；双语工作：否 → 是");
        var fields = test(detail(postings.getComponent(), 0));
        assertThat(fields.getHeaderCell(0)).isEqualTo("字段");
        assertThat(List.of(fields.getCellText(0, 0), fields.getCellText(0, 1), fields.getCellText(0, 2)))
                .containsExactly("干部身份证号", "AL-510", "AL-513");

        var report = test(history("report", "513431/2020"));
        assertThat(report.getCellText(0, CHANGES)).isEqualTo("状态：已提交 → 已审核");
        assertThat(report.getCellText(2, CHANGES)).isEqualTo("易地扶贫搬迁人口（实际数）：– → 12,345；"
                + "易地扶贫搬迁人口（实际数）·来源：– → Zhaojue office");
    }

    @Test
    @WithUserDetails("auditor")
    void anAccountsHistoryOpensFromALinkAndTheChainVerifies() {
        UI.getCurrent().navigate("audit", QueryParameters.simple(Map.of("entity", "account", "id", "clerk.liangshan")));
        AuditView view = (AuditView) getCurrentView();
        assertThat(view.entityType.getValue()).isEqualTo("account");
        assertThat(view.entityId.getValue()).isEqualTo("clerk.liangshan");
        var grid = test(view.grid);
        for (int i = 0; i < grid.size(); i++) {
            assertThat(grid.getRow(i).entityId()).isEqualTo("clerk.liangshan");
        }
        test(view.verify).click();
        assertThat(view.verification.getText()).startsWith("Intact: ");
    }

    @Test
    @WithUserDetails("clerk.nujiang")
    void aLocalOfficeSeesOnlyItsOwnEntriesAndCannotVerify() {
        UI.getCurrent().navigate("audit");
        AuditView view = (AuditView) getCurrentView();
        var grid = test(view.grid);
        for (int i = 0; i < grid.size(); i++) {
            assertThat(grid.getRow(i).account()).isEqualTo("clerk.nujiang");
        }
        assertThat(view.verify.isVisible()).isFalse();
    }
}
