package org.tuopin.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Span;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.dashboard.FigureBasis;

import tools.jackson.databind.JsonNode;

/**
 * Each chart component receives its series, the "show as table" alternative lists the same numbers, and a
 * click on a bar or point opens the matching grid.
 */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class DashboardViewTest extends SpringBrowserlessTest {

    static JsonNode series(ChartPanel panel, String id) {
        for (JsonNode s : panel.chart.getOption().path("series")) {
            if (s.path("id").asString().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no series " + id);
    }

    static List<String> numbers(JsonNode series) {
        List<String> values = new ArrayList<>();
        series.path("data").forEach(v -> values.add(v.isNull() ? null : v.decimalValue().stripTrailingZeros()
                .toPlainString()));
        return values;
    }

    /** The category axis: along the bottom, or down the side for the horizontal bars of regions. */
    static List<String> categories(ChartPanel panel) {
        List<String> names = new ArrayList<>();
        JsonNode option = panel.chart.getOption();
        JsonNode axis = option.path("xAxis").path("type").asString().equals("category") ? option.path("xAxis")
                : option.path("yAxis");
        axis.path("data").forEach(v -> names.add(v.asString()));
        return names;
    }

    /** The table alternative as text, one list of cell texts per row, header row first; opened as a user does. */
    List<List<String>> table(ChartPanel panel) {
        test(panel.tableDetails).openDetails();
        return rows(panel);
    }

    static List<List<String>> rows(ChartPanel panel) {
        List<List<String>> rows = new ArrayList<>();
        panel.table.getChildren().forEach(section -> section.getChildren().forEach(row -> {
            if (row instanceof NativeTableRow r) {
                rows.add(r.getChildren().map(Component::getElement).map(e -> e.getText()).toList());
            }
        }));
        return rows;
    }

    @Test
    @WithUserDetails("supervisor")
    void theSupervisorSeesTable1sIncidenceTrendWithTheSameNumbersInTheTable() {
        DashboardView view = navigate(DashboardView.class);
        assertThat(view.year.getValue()).isEqualTo(2019);
        assertThat(categories(view.incidence)).containsExactly("2013", "2014", "2015", "2016", "2017", "2018", "2019",
                "2020");
        JsonNode eight = series(view.incidence, "GROUP:EIGHT_PROVINCES");
        assertThat(eight.path("name").asString()).isEqualTo("Three provinces and five autonomous regions");
        assertThat(eight.path("type").asString()).isEqualTo("line");
        assertThat(numbers(eight)).containsExactly("17.1", "14.7", "12.1", "9.4", "6.9", "4", "0.79", null);
        assertThat(numbers(series(view.incidence, "CN"))).containsExactly("8.5", "7.2", "5.7", "4.5", "3.1", "1.7",
                "0.6", null);

        List<List<String>> table = table(view.incidence);
        assertThat(table.getFirst()).startsWith("Year", "China", "Three provinces and five autonomous regions");
        assertThat(table.get(1)).startsWith("2013", "8.5", "17.1");
        assertThat(table.get(7)).startsWith("2019", "0.6", "0.79");
        assertThat(table.get(8)).startsWith("2020", "–", "–");
        assertThat(view.incidence.tableDetails.getSummaryText()).isEqualTo("Show as table");
    }

    @Test
    @WithUserDetails("supervisor")
    void aChartsTableIsListedWhenOpenedFollowsTheYearAndIsDroppedWhenClosed() {
        DashboardView view = navigate(DashboardView.class);
        assertThat(view.funds.tableDetails.isOpened()).isFalse();
        assertThat(rows(view.funds)).isEmpty();

        test(view.funds.tableDetails).openDetails();
        List<List<String>> listed = rows(view.funds);
        assertThat(listed.getFirst()).startsWith("Region");
        assertThat(listed.stream().skip(1).map(List::getFirst).toList()).isEqualTo(categories(view.funds));

        // an open table follows the chart to another year
        test(view.year).selectItem("2018");
        int qinghai = categories(view.funds).indexOf("Qinghai Province");
        assertThat(rows(view.funds).get(qinghai + 1)).containsExactly("Qinghai Province", "3,428,000,000",
                "1,452,000,000", "6,560,000,000");

        test(view.funds.tableDetails).closeDetails();
        assertThat(rows(view.funds)).isEmpty();
        // the chart keeps its series while its table is closed
        assertThat(numbers(series(view.funds, "funds_central/actual")).get(qinghai)).isEqualTo("34.28");
    }

    @Test
    @WithUserDetails("supervisor")
    void eachChartSendsItsOptionOnceWhenThePageOpensAndOnceWhenTheYearChanges() {
        DashboardView view = navigate(DashboardView.class);
        assertThat(optionsSent(view.funds)).singleElement().asString().contains("funds_central/actual");
        test(view.year).selectItem("2018");
        assertThat(optionsSent(view.funds)).singleElement().asString().contains("Qinghai Province");
    }

    /** The option parameters of the chart's calls the next response would carry to the browser. */
    static List<Object> optionsSent(ChartPanel panel) {
        var internals = UI.getCurrent().getInternals();
        internals.getStateTree().runExecutionsBeforeClientResponse();
        return internals.dumpPendingJavaScriptInvocations().stream()
                .filter(i -> i.getOwner() == panel.chart.getElement().getNode())
                .filter(i -> i.getInvocation().getExpression().contains("JSON.parse"))
                .map(i -> i.getInvocation().getParameters().getFirst()).toList();
    }

    @Test
    @WithUserDetails("supervisor")
    void theSupervisorSeesPoorPopulationByProvinceAndCompleteness() {
        DashboardView view = navigate(DashboardView.class);
        assertThat(categories(view.poorPopulation)).containsExactly("Inner Mongolia Autonomous Region");
        assertThat(numbers(series(view.poorPopulation, "poor_population/actual"))).containsExactly("16000");
        assertThat(table(view.poorPopulation).get(1)).containsExactly("Inner Mongolia Autonomous Region", "16,000");

        // 58 regions expected each year; all the published reports are approved
        JsonNode approved = series(view.completeness, "APPROVED");
        JsonNode missing = series(view.completeness, "MISSING");
        assertThat(approved.path("stack").asString()).isEqualTo("reports");
        List<List<String>> table = table(view.completeness);
        assertThat(table.getFirst()).containsExactly("Year", "Approved", "Submitted", "Returned", "Draft", "Missing");
        int y2019 = categories(view.completeness).indexOf("2019");
        assertThat(table.get(y2019 + 1).get(1)).isEqualTo(numbers(approved).get(y2019));
        assertThat(table.get(y2019 + 1).get(5)).isEqualTo(numbers(missing).get(y2019));
        assertThat(Integer.parseInt(numbers(approved).get(y2019))).isGreaterThanOrEqualTo(12);

        assertThat(find(Span.class, view.headlines).all()).extracting(Span::getText)
                .containsSubsequence("Remaining poor population", "11,090,000 persons", "as reported for the region itself")
                .containsSubsequence("People lifted out", "11,090,000 persons", "against a target of 2,638,000 persons")
                .containsSubsequence("Villages that exited", "3,663 villages", "sum of 7 regions below");
    }

    @Test
    @WithUserDetails("supervisor")
    void moneyIsDrawnInHundredMillionsAndListedExactly() {
        DashboardView view = navigate(DashboardView.class);
        test(view.year).selectItem("2018");
        int qinghai = categories(view.funds).indexOf("Qinghai Province");
        assertThat(numbers(series(view.funds, "funds_central/actual")).get(qinghai)).isEqualTo("34.28");
        assertThat(numbers(series(view.funds, "funds_other")).get(qinghai)).isEqualTo("65.6");
        assertThat(view.funds.chart.getOption().path("xAxis").path("name").asString()).isEqualTo("RMB 100 million");
        assertThat(view.funds.chart.getOption().path("yAxis").path("type").asString()).isEqualTo("category");
        assertThat(table(view.funds).get(qinghai + 1)).containsExactly("Qinghai Province", "3,428,000,000",
                "1,452,000,000", "6,560,000,000");
        // the officials chart follows the year: the published counts are for 2018
        assertThat(numbers(series(view.officials, "dashboard.officials.published:NONE")))
                .containsExactly(null, "71289", "5700", "1484", "2535");
        assertThat(table(view.officials).get(2)).startsWith("Village work teams");
        // the table says how the roster counts an official (DD012)
        assertThat(view.officials.tableDetails.getContent().toList()).contains(view.officials.note);
        assertThat(view.officials.note.getText()).contains("once per role and rank", "latest-starting posting");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void theLiangshanClerkSeesOnlyLiangshan() {
        DashboardView view = navigate(DashboardView.class);
        assertThat(categories(view.liftedOut)).containsExactly("Liangshan Yi Autonomous Prefecture");
        assertThat(numbers(series(view.liftedOut, "people_lifted_out/actual"))).containsExactly("141000");
        assertThat(numbers(series(view.liftedOut, "people_lifted_out/target"))).containsExactly("238000");
        assertThat(table(view.liftedOut).get(1)).containsExactly("Liangshan Yi Autonomous Prefecture", "141,000",
                "238,000");
        assertThat(view.incidence.chart.getOption().path("series")).hasSize(1);
        assertThat(series(view.incidence, "513400").path("name").asString())
                .isEqualTo("Liangshan Yi Autonomous Prefecture");
        // nothing of the remaining poor population was reported in Liangshan for 2019: said, not drawn
        assertThat(view.poorPopulation.empty.isAttached()).isTrue();
        assertThat(view.poorPopulation.chart.isAttached()).isFalse();
        assertThat(view.poorPopulation.empty.getText()).isEqualTo("Nothing reported for 2019 in your scope.");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void clickingABarOpensTheFiguresGridFilteredToThatRegionAndYear() {
        DashboardView view = navigate(DashboardView.class);
        view.liftedOut.chart.pointClicked(0, 0);
        var location = UI.getCurrent().getInternals().getActiveViewLocation();
        assertThat(location.getPath()).isEqualTo("figures");
        assertThat(location.getQueryParameters().getParameters())
                .containsEntry("region", List.of("513400")).containsEntry("year", List.of("2019"));
        assertThat(getCurrentView().getClass().getSimpleName()).isEqualTo("FiguresView");
    }

    @Test
    @WithUserDetails("supervisor")
    void clickingACompletenessBarOpensTheProgressGridOnThatYearAndState() {
        DashboardView view = navigate(DashboardView.class);
        int y2018 = categories(view.completeness).indexOf("2018");
        view.completeness.chart.pointClicked(0, y2018);
        var location = UI.getCurrent().getInternals().getActiveViewLocation();
        assertThat(location.getPath()).isEqualTo("progress");
        assertThat(location.getQueryParameters().getParameters()).containsEntry("from", List.of("2018"))
                .containsEntry("to", List.of("2018")).containsEntry("state", List.of("APPROVED"));
    }

    @Test
    @WithUserDetails("supervisor")
    void clickingAnOfficialsBarOpensTheRosterOnThatRole() {
        UI.getCurrent().navigate("", com.vaadin.flow.router.QueryParameters.simple(java.util.Map.of("year", "2018")));
        DashboardView view = (DashboardView) getCurrentView();
        int villageTeams = view.officials.data().categories().stream().map(c -> c.code()).toList()
                .indexOf("VILLAGE_WORK_TEAM");
        int series = view.officials.data().series().stream().map(s -> s.code()).toList()
                .indexOf("dashboard.officials.published:NONE");
        view.officials.chart.pointClicked(series, villageTeams);
        var location = UI.getCurrent().getInternals().getActiveViewLocation();
        assertThat(location.getPath()).isEqualTo("dispatches");
        assertThat(location.getQueryParameters().getParameters()).containsEntry("role", List.of("VILLAGE_WORK_TEAM"));
        assertThat(getCurrentView().getClass().getSimpleName()).isEqualTo("DispatchView");
    }

    @Test
    @WithUserDetails("supervisor")
    void aClickOutsideTheDataIsIgnored() {
        DashboardView view = navigate(DashboardView.class);
        view.liftedOut.chart.pointClicked(7, 0);
        view.liftedOut.chart.pointClicked(0, 99);
        assertThat(getCurrentView()).isSameAs(view);
    }

    @Test
    @WithUserDetails("supervisor")
    void theYearAndBasisCanBeGivenInTheAddress() {
        UI.getCurrent().navigate("", com.vaadin.flow.router.QueryParameters.simple(
                java.util.Map.of("year", "2018", "basis", "ALL_STATES")));
        DashboardView view = (DashboardView) getCurrentView();
        assertThat(view.year.getValue()).isEqualTo(2018);
        assertThat(view.basis.getValue()).isEqualTo(FigureBasis.ALL_STATES);
        assertThat(view.poorPopulation.chart.getOption().toString()).doesNotContain("2019");
        assertThat(find(com.vaadin.flow.component.html.H3.class, view.liftedOut).single().getText())
                .isEqualTo("People lifted out against target by region, 2018");
    }
}
