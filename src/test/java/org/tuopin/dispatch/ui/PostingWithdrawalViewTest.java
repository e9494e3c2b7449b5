package org.tuopin.dispatch.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.QueryParameters;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.audit.AuditQueryService.AuditRow;
import org.tuopin.audit.FieldChange;
import org.tuopin.base.ui.WithdrawDialog;
import org.tuopin.dispatch.DispatchRole;
import org.tuopin.dispatch.DispatchService;
import org.tuopin.dispatch.OfficialRank;
import org.tuopin.dispatch.PostingInput;
import org.tuopin.dispatch.PostingRow;

/** A clerk withdraws a posting entered by mistake from its edit dialog; readers never get that far. */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class PostingWithdrawalViewTest extends SpringBrowserlessTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DispatchService dispatches;
    @Autowired
    UserDetailsService users;

    @AfterEach
    void removePostings() {
        jdbc.sql("delete from official_posting where official_no like 'WV-%'").update();
    }

    private void as(String username) {
        SignIn.as(users, username);
    }

    static PostingInput posting(String no, String village) {
        return new PostingInput(no, "Aniu Ashi", OfficialRank.SECTION_LEVEL, "Sichuan Provincial Department of Finance",
                DispatchRole.VILLAGE_WORK_TEAM, "513431", village, LocalDate.of(2017, 1, 1), null, false, null);
    }

    List<PostingRow> rows(DispatchView view) {
        var grid = test(view.grid);
        return IntStream.range(0, grid.size()).mapToObj(grid::getRow).toList();
    }

    PostingForm edit(DispatchView view, String officialNo) {
        int at = rows(view).stream().map(PostingRow::officialNo).toList().indexOf(officialNo);
        test(view.grid).select(at);
        test(view.edit).click();
        return find(PostingForm.class).single();
    }

    List<String> notifications() {
        return find(Notification.class).all().stream().map(n -> n.getElement().getProperty("text", "")).toList();
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void theClerkWithdrawsADuplicateWithAReasonAndTheAuditTrailShowsWhatWasRemoved() {
        PostingRow kept = dispatches.create(posting("WV-1", "Sanhe Village"));
        PostingRow duplicate = dispatches.create(posting("WV-2", "Sanhe Village"));
        DispatchView view = navigate(DispatchView.class);
        assertThat(view.total.getText()).isEqualTo("All postings: 2");

        PostingForm form = edit(view, "WV-2");
        assertThat(form.withdraw.isVisible()).isTrue();
        assertThat(form.withdraw.getText()).isEqualTo("Withdraw…");
        test(form.withdraw).click();
        roundTrip();
        WithdrawDialog confirm = form.withdrawal;
        assertThat(confirm).isNotNull();
        assertThat(confirm.isOpened()).isTrue();
        assertThat(confirm.getHeaderTitle()).isEqualTo("Withdraw posting " + duplicate.id() + "?");
        assertThat(confirm.explanation.getText()).startsWith("The posting is removed from the roster");

        // no reason: refused under the field, nothing withdrawn
        test(confirm.reason).setValue("   ");
        test(confirm.confirm).click();
        assertThat(confirm.isOpened()).isTrue();
        assertThat(confirm.reason.isInvalid()).isTrue();
        assertThat(confirm.reason.getErrorMessage())
                .isEqualTo("Give the reason for withdrawing the record: the audit trail keeps it.");
        assertThat(rows(view)).hasSize(2);

        test(confirm.reason).setValue("Duplicate of posting " + kept.id());
        test(confirm.confirm).click();
        assertThat(confirm.isOpened()).isFalse();
        assertThat(form.isOpened()).isFalse();
        assertThat(rows(view)).extracting(PostingRow::officialNo).containsExactly("WV-1");
        assertThat(view.total.getText()).isEqualTo("All postings: 1");
        assertThat(notifications()).contains("Posting " + duplicate.id() + " withdrawn.");

        // the history shows the deletion with the reason and the last values, without "after" arrows
        UI.getCurrent().navigate("audit", QueryParameters.simple(Map.of("entity", "dispatch", "id",
                String.valueOf(duplicate.id()))));
        @SuppressWarnings("unchecked")
        Grid<AuditRow> audit = find(Grid.class).first();
        var entries = test(audit);
        assertThat(entries.size()).isEqualTo(2);
        assertThat(entries.getCellText(0, 3)).isEqualTo("Deleted");
        assertThat(entries.getCellText(0, 6)).startsWith("Official id number: WV-2; Name: Aniu Ashi; Rank: Section level")
                .contains("County or prefecture: 513431", "Village: Sanhe Village", "Start date: 2017-01-01")
                .doesNotContain("→");
        assertThat(entries.getCellText(0, 7)).isEqualTo("Duplicate of posting " + kept.id());
        assertThat(entries.getCellText(1, 6)).as("the creation still reads before → after")
                .contains("Official id number: – → WV-2");
        assertThat(entries.getRow(0).changes()).contains(new FieldChange("village", "Sanhe Village", null));
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aDeletionReadsWellInChineseToo() {
        PostingRow row = dispatches.create(posting("WV-3", "Sanhe Village"));
        dispatches.withdraw(row.id(), row.version(), "人员有误");
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        UI.getCurrent().navigate("audit", QueryParameters.simple(Map.of("entity", "dispatch", "id",
                String.valueOf(row.id()))));
        @SuppressWarnings("unchecked")
        Grid<AuditRow> audit = find(Grid.class).first();
        assertThat(test(audit).getCellText(0, 3)).isEqualTo("删除");
        assertThat(test(audit).getCellText(0, 4)).isEqualTo("选派记录 " + row.id());
        assertThat(test(audit).getCellText(0, 7)).isEqualTo("人员有误");
        // the entry's detail: one column of last values instead of before and after
        test(audit).clickRow(0);
        @SuppressWarnings("unchecked")
        Grid<FieldChange> detail = find(Grid.class).all().stream().filter(g -> g != audit).findFirst().orElseThrow();
        assertThat(detail.getColumns()).hasSize(2);
        assertThat(test(detail).getHeaderCell(1)).isEqualTo("删除前的值");
        assertThat(test(detail).getCellText(0, 1)).isEqualTo("WV-3");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aPostingChangedMeanwhileIsNotWithdrawnAndTheListReloads() {
        PostingRow row = dispatches.create(posting("WV-4", "Sanhe Village"));
        DispatchView view = navigate(DispatchView.class);
        PostingForm form = edit(view, "WV-4");
        // someone else ends the posting while the dialog is open
        dispatches.update(row.id(), row.version(), new PostingInput("WV-4", "Aniu Ashi", OfficialRank.SECTION_LEVEL,
                "Sichuan Provincial Department of Finance", DispatchRole.VILLAGE_WORK_TEAM, "513431", "Sanhe Village",
                LocalDate.of(2017, 1, 1), LocalDate.of(2019, 12, 31), false, null));
        test(form.withdraw).click();
        roundTrip();
        test(form.withdrawal.reason).setValue("duplicate");
        test(form.withdrawal.confirm).click();
        assertThat(form.withdrawal.isOpened()).isFalse();
        assertThat(form.isOpened()).isFalse();
        assertThat(notifications()).contains("Someone else changed this posting meanwhile. The list has been "
                + "reloaded; open it again.");
        assertThat(rows(view)).singleElement().satisfies(r -> assertThat(r.endDate())
                .isEqualTo(LocalDate.of(2019, 12, 31)));
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aNewPostingHasNothingToWithdraw() {
        DispatchView view = navigate(DispatchView.class);
        test(view.add).click();
        assertThat(find(PostingForm.class).single().withdraw.isVisible()).isFalse();
    }

    @Test
    @WithUserDetails("supervisor.sichuan")
    void aSupervisorGetsNoEditDialogAndSoNoWithdrawButton() {
        as("clerk.liangshan");
        dispatches.create(posting("WV-5", "Sanhe Village"));
        as("supervisor.sichuan");
        DispatchView view = navigate(DispatchView.class);
        assertThat(rows(view)).extracting(PostingRow::officialNo).containsExactly("WV-5");
        assertThat(view.edit.isVisible()).isFalse();
        test(view.grid).doubleClickRow(0);
        assertThat(find(PostingForm.class).all()).isEmpty();
        assertThat(find(WithdrawDialog.class).all()).isEmpty();
    }
}
