package org.tuopin.pairing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.stream.IntStream;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.pairing.DonorType;
import org.tuopin.pairing.PairingInput;
import org.tuopin.pairing.PairingService;
import org.tuopin.pairing.PairingService.Pairing;

/** The pairing grid, its totals and its form, as the auditor and as Liangshan's office use them. */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class PairingsViewTest extends SpringBrowserlessTest {

    /** No test transaction: each save commits or is refused on its own, as in the running app. */
    @AfterEach
    void removeTestRecords() {
        jdbc.sql("delete from pairing where donor like 'Test %'").update();
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PairingService pairings;

    private PairingsView open() {
        UI.getCurrent().navigate("pairings");
        return (PairingsView) getCurrentView();
    }

    private static int rowOf(com.vaadin.flow.component.grid.GridTester<?, Pairing> grid, String donor, int year) {
        return IntStream.range(0, grid.size()).filter(i -> grid.getRow(i).donor().equals(donor)
                && grid.getRow(i).year() == year).findFirst().orElseThrow();
    }

    @Test
    @WithUserDetails("auditor")
    void theAuditorFindsJiangsusPairingWithQinghaiWithItsSourceInRmbAndIn10000Rmb() {
        PairingsView view = open();
        var grid = test(view.grid);
        assertThat(grid.size()).isEqualTo(14);
        int jiangsu = rowOf(grid, "Jiangsu Province", 2018);
        assertThat(grid.getCellText(jiangsu, grid.getColumnPosition("recipient"))).isEqualTo("630000 Qinghai Province");
        assertThat(grid.getCellText(jiangsu, grid.getColumnPosition("donorType")))
                .isEqualTo("East–west province or municipality");
        assertThat(grid.getCellText(jiangsu, grid.getColumnPosition("delivered"))).isEqualTo("275,000,000");
        assertThat(grid.getCellText(jiangsu, grid.getColumnPosition("pledged"))).as("missing is not zero")
                .isEqualTo("–");
        assertThat(grid.getCellText(jiangsu, grid.getColumnPosition("ratio"))).isEqualTo("–");
        assertThat(grid.getCellText(jiangsu, grid.getColumnPosition("source"))).isEqualTo("Wang 2020");
        assertThat(grid.getHeaderCell(grid.getColumnPosition("delivered"))).isEqualTo("Delivered (RMB)");

        test(view.inWan).click();
        assertThat(grid.getCellText(jiangsu, grid.getColumnPosition("delivered"))).isEqualTo("27,500");
        assertThat(grid.getHeaderCell(grid.getColumnPosition("delivered"))).isEqualTo("Delivered (10,000 RMB)");
        int glory = rowOf(grid, "China Glory Society", 2018);
        assertThat(grid.getCellText(glory, grid.getColumnPosition("delivered"))).isEqualTo("276");
        assertThat(test(view.byDonorType).getCellText(0, test(view.byDonorType).getColumnPosition("delivered")))
                .isEqualTo("2,949,700");
        assertThat(view.add.isVisible()).as("only local offices add records").isFalse();
    }

    @Test
    @WithUserDetails("auditor")
    void filtersNarrowTheGridAndItsTotals() {
        PairingsView view = open();
        var totals = test(view.byDonorType);
        assertThat(totals.size()).isEqualTo(6);
        assertThat(totals.getCellText(0, 0)).isEqualTo("East–west province or municipality");
        assertThat(totals.getCellText(0, totals.getColumnPosition("records"))).isEqualTo("7");
        assertThat(totals.getCellText(0, totals.getColumnPosition("withFunds"))).isEqualTo("3");
        assertThat(totals.getCellText(0, totals.getColumnPosition("delivered"))).isEqualTo("29,497,000,000");
        assertThat(totals.getCellText(0, totals.getColumnPosition("pledged"))).isEqualTo("–");

        test(view.donorType).selectItem("Central unit");
        assertThat(test(view.grid).size()).isEqualTo(2);
        assertThat(totals.size()).isEqualTo(1);
        assertThat(totals.getCellText(0, totals.getColumnPosition("delivered"))).isEqualTo("391,000,000");
        assertThat(totals.getCellText(0, totals.getColumnPosition("projects"))).isEqualTo("345");
        assertThat(test(view.byRecipient).size()).isEqualTo(2);

        test(view.year).selectItem("2019");
        assertThat(test(view.grid).size()).isEqualTo(1);
        assertThat(test(view.grid).getRow(0).donor()).isEqualTo("Central authorities");
        assertThat(test(view.byRecipient).getCellText(0, 0)).isEqualTo("150000 Inner Mongolia Autonomous Region");

        test(view.donorType).selectItem("Private enterprise");
        test(view.year).selectItem("2018");
        assertThat(test(view.grid).getRow(0).donor()).isEqualTo("1157 private enterprises");
    }

    @Test
    @WithUserDetails("auditor")
    void othersReadARecordAndReachItsHistory() {
        PairingsView view = open();
        var grid = test(view.grid);
        grid.clickRow(rowOf(grid, "Jiangsu Province", 2018));
        roundTrip();
        PairingForm form = view.form;
        assertThat(form).isNotNull();
        assertThat(form.isOpened()).isTrue();
        assertThat(form.delivered.getValue()).isEqualByComparingTo("275000000");
        assertThat(form.source.getValue()).isEqualTo("Wang 2020");
        assertThat(form.delivered.isReadOnly()).isTrue();
        assertThat(form.donor.isReadOnly()).isTrue();
        assertThat(form.save.isVisible()).isFalse();
        long id = grid.getRow(rowOf(grid, "Jiangsu Province", 2018)).id();
        test(form.history).click();
        assertThat(getCurrentView().getClass().getSimpleName()).isEqualTo("AuditView");
        assertThat(UI.getCurrent().getActiveViewLocation().getQueryParameters().getParameters())
                .isEqualTo(java.util.Map.of("entity", java.util.List.of("pairing"), "id",
                        java.util.List.of(String.valueOf(id))));
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void liangshansOfficeAddsARecordMeetsTheOverDeliveryCheckAndFindsItsHistory() {
        PairingsView view = open();
        assertThat(test(view.grid).size()).as("no pairing of other regions").isZero();
        assertThat(test(view.byDonorType).size()).isZero();
        assertThat(view.add.isVisible()).isTrue();

        test(view.add).click();
        roundTrip();
        PairingForm form = view.form;
        test(form.recipient).setFilter("Zhaojue");
        test(form.recipient).selectItem("513431 Zhaojue County");
        test(form.year).selectItem("2019");
        test(form.donor).setValue("Test Foshan City");
        test(form.donorType).selectItem("East–west province or municipality");
        test(form.pledged).setValue(new BigDecimal("50000000"));
        test(form.delivered).setValue(new BigDecimal("60000000"));
        assertThat(form.ratio.getText()).isEqualTo("Delivered / pledged: 120 % · More delivered than pledged: the note "
                + "explains why");
        test(form.projects).setValue(12);
        test(form.source).setValue("Liangshan office 2020");
        test(form.save).click();
        assertThat(form.isOpened()).as("refused: the form stays open with the input").isTrue();
        assertThat(form.error.isVisible()).isTrue();
        assertThat(form.error.getText()).isEqualTo(
                "More was delivered (60,000,000 RMB) than pledged (50,000,000 RMB): explain why in the note.");
        assertThat(form.note.isInvalid()).isTrue();
        assertThat(form.delivered.getValue()).isEqualByComparingTo("60000000");
        assertThat(test(view.grid).size()).isZero();

        test(form.note).setValue("a second tranche arrived in December");
        test(form.save).click();
        assertThat(form.isOpened()).isFalse();
        var grid = test(view.grid);
        assertThat(grid.size()).isEqualTo(1);
        assertThat(grid.getCellText(0, grid.getColumnPosition("ratio"))).isEqualTo("120 % ⚠");
        assertThat(grid.getCellText(0, grid.getColumnPosition("delivered"))).isEqualTo("60,000,000");
        assertThat(test(view.byRecipient).getCellText(0, 0)).isEqualTo("513431 Zhaojue County");

        grid.clickRow(0);
        roundTrip();
        PairingForm edit = view.form;
        assertThat(edit.donor.isReadOnly()).isFalse();
        test(edit.history).click();
        var audit = test(find(com.vaadin.flow.component.grid.Grid.class).first());
        assertThat(audit.size()).isEqualTo(1);
        assertThat(((org.tuopin.audit.AuditQueryService.AuditRow) audit.getRow(0)).changes())
                .anySatisfy(c -> assertThat(c.toString()).contains("funds_delivered_rmb").contains("60000000"));
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aRecordChangedMeanwhileIsNotOverwrittenButOfferedForReloading() {
        Pairing created = pairings.create(new PairingInput("Test Chengdu", DonorType.CENTRAL_UNIT, "513400", 2020,
                null, new BigDecimal("1000000"), null, null, "Liangshan office", null));
        PairingsView view = open();
        test(view.grid).clickRow(0);
        roundTrip();
        PairingForm form = view.form;
        // someone else saves first
        pairings.update(created.id(), created.version(), new PairingInput("Test Chengdu", DonorType.CENTRAL_UNIT,
                "513400", 2020, null, new BigDecimal("1200000"), null, null, "Liangshan office", null));

        test(form.delivered).setValue(new BigDecimal("1100000"));
        test(form.save).click();
        assertThat(form.error.getText()).startsWith("Someone else changed this record meanwhile.");
        assertThat(form.reload.isVisible()).isTrue();
        assertThat(pairings.get(created.id()).fundsDeliveredRmb()).as("not overwritten").isEqualTo(1_200_000L);

        test(form.reload).click();
        assertThat(form.delivered.getValue()).isEqualByComparingTo("1200000");
        test(form.delivered).setValue(new BigDecimal("1100000"));
        test(form.save).click();
        assertThat(form.isOpened()).isFalse();
        assertThat(pairings.get(created.id()).fundsDeliveredRmb()).isEqualTo(1_100_000L);
    }

    @Test
    @WithUserDetails("auditor")
    void theExportsHoldExactlyWhatTheFiltersShow() throws Exception {
        PairingsView view = open();
        test(view.recipient).setFilter("Xinjiang");
        test(view.recipient).selectItem("650000 Xinjiang Uygur Autonomous Region");
        test(view.year).selectItem("2018");
        assertThat(test(view.grid).size()).isEqualTo(6);

        var xlsx = new java.io.ByteArrayOutputStream();
        assertThat(view.exportWriter.write(org.tuopin.base.export.ui.ExportMenu.Format.XLSX,
                java.util.function.UnaryOperator.identity(), xlsx)).isEqualTo(6);
        var sheet = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.toByteArray()))
                .getSheetAt(0);
        assertThat(sheet.getLastRowNum()).isEqualTo(6);
        assertThat(sheet.getRow(0).getCell(6).getStringCellValue()).isEqualTo("funds_delivered_rmb");
        for (int r = 1; r <= 6; r++) {
            assertThat(sheet.getRow(r).getCell(3).getStringCellValue()).isEqualTo("650000");
            assertThat(sheet.getRow(r).getCell(4).getNumericCellValue()).isEqualTo(2018);
        }

        var csv = new java.io.ByteArrayOutputStream();
        view.exportWriter.write(org.tuopin.base.export.ui.ExportMenu.Format.CSV,
                m -> view.getTranslation("export.header." + m), csv);
        String text = csv.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("Id,Donor,Donor type,Recipient region,Year,Funds pledged (RMB),Funds delivered (RMB),");
        assertThat(text.lines().count()).isEqualTo(7);
    }

    @Test
    @WithUserDetails("auditor")
    void aLinkWithQueryParametersOpensTheGridFiltered() {
        UI.getCurrent().navigate("pairings", com.vaadin.flow.router.QueryParameters.simple(
                java.util.Map.of("recipient", "650000", "donorType", "MILITARY", "year", "2018")));
        PairingsView view = (PairingsView) getCurrentView();
        assertThat(view.recipient.getValue().code()).isEqualTo("650000");
        assertThat(test(view.grid).size()).isEqualTo(1);
        assertThat(test(view.grid).getRow(0).donor()).isEqualTo("People's Liberation Army");
        assertThat(test(view.byDonorType).getCellText(0, test(view.byDonorType).getColumnPosition("delivered")))
                .isEqualTo("69,780,000");
    }
}
