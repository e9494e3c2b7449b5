package org.tuopin.figures.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.data.provider.hierarchy.HierarchicalQuery;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.TuopinTest;
import org.tuopin.figures.rules.Rules;
import org.tuopin.region.RegionNode;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
@Transactional
class ProgressAndInboxViewTest extends SpringBrowserlessTest {

    @Autowired
    JdbcClient jdbc;

    private void submitted(String code, int year) {
        jdbc.sql("""
                        insert into yearly_report(region_id, year, state, created_by, updated_by, submitted_by)
                        values ((select id from region where code = :code), :year, 'SUBMITTED', 'clerk.liangshan',
                                'clerk.liangshan', 'clerk.liangshan')""").param("code", code).param("year", year).update();
    }

    @Test
    @WithUserDetails("supervisor.sichuan")
    void theProgressGridShowsStatesAndValuesAndApprovesInBulk() {
        submitted("513422", 2020);
        submitted("513423", 2020);
        UI.getCurrent().navigate("progress");
        ProgressView view = (ProgressView) getCurrentView();
        var tree = test(view.grid);
        assertThat(tree.getRow(0).code()).isEqualTo("510000");
        RegionNode liangshan = view.grid.getDataProvider().fetch(new HierarchicalQuery<>(null, tree.getRow(0)))
                .filter(r -> r.code().equals("513400")).findFirst().orElseThrow();
        // fetching Liangshan's row loads its cells: 2019 approved with 141,000 people lifted out
        assertThat(view.cellText(liangshan, 2019, java.util.Locale.ENGLISH)).isEqualTo("Approved · 141,000");
        assertThat(view.cellText(liangshan, 2020, java.util.Locale.ENGLISH)).isEqualTo("–");

        view.grid.expand(liangshan);
        var counties = view.grid.getDataProvider().fetch(new HierarchicalQuery<>(null, liangshan)).toList();
        assertThat(counties).extracting(RegionNode::code).contains("513422", "513423");
        counties.stream().filter(c -> c.code().equals("513422") || c.code().equals("513423"))
                .forEach(view.grid::select);
        test(view.bulkApprove).click();
        assertThat(jdbc.sql("select count(*) from yearly_report yr join region r on r.id = yr.region_id "
                + "where r.code in ('513422', '513423') and yr.year = 2020 and yr.state = 'APPROVED'")
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(view.completeness.getListDataView().getItems()).anySatisfy(c -> {
            assertThat(c.year()).isEqualTo(2020);
            assertThat(c.approved()).isEqualTo(2);
        });
    }

    @Test
    @WithUserDetails("supervisor.sichuan")
    void theYearsOnOfferAreTheReportingYearsAnAdministratorKeeps() {
        // a year added after the campaign (the test transaction rolls it back)
        jdbc.sql("insert into reporting_year(year, open) values (2021, true)").update();
        UI.getCurrent().navigate("progress");
        ProgressView view = (ProgressView) getCurrentView();
        assertThat(view.toYear.getListDataView().getItems().toList()).startsWith(2013).endsWith(2020, 2021);
        assertThat(view.toYear.getValue()).isEqualTo(2021);
        assertThat(view.fromYear.getValue()).as("the last five years at first").isEqualTo(2017);
        assertThat(view.grid.getColumnByKey("y2021")).isNotNull();
        assertThat(view.grid.getColumnByKey("y2016")).isNull();
    }

    @Test
    @WithUserDetails("supervisor.sichuan")
    void theInboxListsWhatWaitsAndTheMenuCountsIt() {
        submitted("513428", 2020);
        UI.getCurrent().navigate("inbox");
        InboxView view = (InboxView) getCurrentView();
        assertThat(test(view.grid).size()).isEqualTo(1);
        assertThat(test(view.grid).getRow(0).regionCode()).isEqualTo("513428");
        test(view.grid).clickRow(0);
        assertThat(getCurrentView()).isInstanceOf(ReportFormView.class);
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void everyoneCanReadTheChecksFromTheSameRegistry() {
        UI.getCurrent().navigate("figures/rules");
        RulesView view = (RulesView) getCurrentView();
        var grid = test(view.grid);
        assertThat(grid.size()).isEqualTo(Rules.ALL.size());
        for (int i = 0; i < grid.size(); i++) {
            assertThat(grid.getCellText(i, 3)).doesNotStartWith("!");
        }
        assertThat(grid.getRow(0).id()).isEqualTo(Rules.ALL.getFirst().id());
    }
}
