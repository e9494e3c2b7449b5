package org.tuopin.pairing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.base.ui.WithdrawDialog;
import org.tuopin.pairing.DonorType;
import org.tuopin.pairing.PairingInput;
import org.tuopin.pairing.PairingService;
import org.tuopin.pairing.PairingService.Pairing;

/** A local office withdraws a pairing record entered by mistake from its form; readers see no such button. */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class PairingWithdrawalViewTest extends SpringBrowserlessTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PairingService pairings;
    @Autowired
    UserDetailsService users;

    /** No test transaction: each withdrawal commits or is refused on its own, as in the running app. */
    @AfterEach
    void removeTestRecords() {
        jdbc.sql("delete from pairing where donor like 'Test %'").update();
    }

    private void as(String username) {
        SignIn.as(users, username);
    }

    static PairingInput record(String donor, long delivered) {
        return new PairingInput(donor, DonorType.EAST_WEST_PROVINCE, "513431", 2019, null,
                BigDecimal.valueOf(delivered), 3, 120L, "Liangshan office 2020", null);
    }

    private PairingsView open() {
        UI.getCurrent().navigate("pairings");
        return (PairingsView) getCurrentView();
    }

    private PairingForm openRecord(PairingsView view, String donor) {
        var grid = test(view.grid);
        int at = IntStream.range(0, grid.size()).filter(i -> grid.getRow(i).donor().equals(donor)).findFirst()
                .orElseThrow();
        grid.clickRow(at);
        roundTrip();
        return view.form;
    }

    private List<String> notifications() {
        return find(Notification.class).all().stream().map(n -> n.getElement().getProperty("text", "")).toList();
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void theOfficeWithdrawsAMistakenRecordAndTheGridAndTotalsDropIt() {
        pairings.create(record("Test Foshan City", 42_000_000));
        pairings.create(record("Test Guangzhou City", 6_500_000));
        PairingsView view = open();
        assertThat(test(view.grid).size()).isEqualTo(2);
        var totals = test(view.byDonorType);
        assertThat(totals.getCellText(0, totals.getColumnPosition("delivered"))).isEqualTo("48,500,000");

        PairingForm form = openRecord(view, "Test Guangzhou City");
        assertThat(form.withdraw.isVisible()).isTrue();
        test(form.withdraw).click();
        roundTrip();
        WithdrawDialog confirm = form.withdrawal;
        assertThat(confirm.getHeaderTitle()).isEqualTo("Withdraw the record of Test Guangzhou City for 2019?");
        assertThat(confirm.explanation.getText())
                .isEqualTo("The record is removed from the list, its totals and the dashboard. The audit trail keeps "
                        + "its last values and your reason.");

        test(confirm.confirm).click();
        assertThat(confirm.reason.isInvalid()).as("no reason given").isTrue();
        assertThat(confirm.reason.getErrorMessage())
                .isEqualTo("Give the reason for withdrawing the record: the audit trail keeps it.");
        assertThat(test(view.grid).size()).isEqualTo(2);

        test(confirm.reason).setValue("Guangzhou pairs with Butuo, not Zhaojue");
        test(confirm.confirm).click();
        assertThat(confirm.isOpened()).isFalse();
        assertThat(form.isOpened()).isFalse();
        assertThat(notifications()).contains("Pairing record withdrawn.");
        assertThat(test(view.grid).size()).isEqualTo(1);
        assertThat(test(view.grid).getRow(0).donor()).isEqualTo("Test Foshan City");
        assertThat(totals.getCellText(0, totals.getColumnPosition("delivered"))).isEqualTo("42,000,000");
        assertThat(totals.getCellText(0, totals.getColumnPosition("records"))).isEqualTo("1");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aRecordChangedMeanwhileIsNotWithdrawnButOfferedForReloading() {
        Pairing created = pairings.create(record("Test Foshan City", 42_000_000));
        PairingsView view = open();
        PairingForm form = openRecord(view, "Test Foshan City");
        pairings.update(created.id(), created.version(), record("Test Foshan City", 43_000_000));

        test(form.withdraw).click();
        roundTrip();
        test(form.withdrawal.reason).setValue("duplicate");
        test(form.withdrawal.confirm).click();
        assertThat(form.withdrawal.isOpened()).isFalse();
        assertThat(form.isOpened()).isTrue();
        assertThat(form.error.getText()).isEqualTo("Someone else changed this record meanwhile. Reload it to see "
                + "their version; your input is still in the form.");
        assertThat(form.reload.isVisible()).isTrue();
        assertThat(test(view.grid).size()).isEqualTo(1);

        // after reloading, the current version can be withdrawn
        test(form.reload).click();
        assertThat(form.delivered.getValue()).isEqualByComparingTo("43000000");
        test(form.withdraw).click();
        roundTrip();
        test(form.withdrawal.reason).setValue("duplicate");
        test(form.withdrawal.confirm).click();
        assertThat(form.isOpened()).isFalse();
        assertThat(test(view.grid).size()).isZero();
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aNewRecordHasNothingToWithdraw() {
        PairingsView view = open();
        test(view.add).click();
        roundTrip();
        assertThat(view.form.withdraw.isVisible()).isFalse();
    }

    @Test
    @WithUserDetails("supervisor.sichuan")
    void aSupervisorReadsTheRecordWithoutAWithdrawButton() {
        as("clerk.liangshan");
        pairings.create(record("Test Foshan City", 42_000_000));
        as("supervisor.sichuan");
        PairingsView view = open();
        PairingForm form = openRecord(view, "Test Foshan City");
        assertThat(form.isOpened()).isTrue();
        assertThat(form.donor.isReadOnly()).isTrue();
        assertThat(form.history.isVisible()).isTrue();
        assertThat(form.withdraw.isVisible()).isFalse();
        assertThat(find(WithdrawDialog.class).all()).isEmpty();
    }

    @Test
    @WithUserDetails("auditor")
    void theAuditorReadsAReferenceRecordWithoutAWithdrawButton() {
        PairingsView view = open();
        PairingForm form = openRecord(view, "Jiangsu Province");
        assertThat(form.isOpened()).isTrue();
        assertThat(form.withdraw.isVisible()).isFalse();
    }
}
