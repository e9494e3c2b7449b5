package org.tuopin.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.QueryParameters;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
class RegionPageViewTest extends SpringBrowserlessTest {

    RegionPageView open(String code) {
        UI.getCurrent().navigate("regions/" + code);
        return (RegionPageView) getCurrentView();
    }

    RegionPageView open(String code, int year) {
        UI.getCurrent().navigate("regions/" + code, QueryParameters.of("year", String.valueOf(year)));
        return (RegionPageView) getCurrentView();
    }

    @Test
    @WithUserDetails("supervisor")
    void liangshansPageShowsWhereItSitsItsFiguresItsOfficialsAndItsHistoryLink() {
        RegionPageView view = open("513400");
        assertThat(find(Anchor.class, view.breadcrumb).all()).extracting(Anchor::getText, Anchor::getHref)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("China", "regions/CN"),
                        org.assertj.core.groups.Tuple.tuple("Sichuan Province", "regions/510000"));
        assertThat(find(Span.class, view.breadcrumb).all()).extracting(Span::getText)
                .contains("Liangshan Yi Autonomous Prefecture");
        var figures = test(view.figures);
        assertThat(figures.size()).isEqualTo(8);
        assertThat(figures.getCellText(0, 0)).isEqualTo("2018");
        assertThat(figures.getCellText(7, 5)).isEqualTo("Approved");
        var dispatches = test(view.dispatches);
        assertThat(dispatches.size()).isEqualTo(1);
        assertThat(dispatches.getCellText(0, 2)).isEqualTo("Comprehensive assistance teams");
        assertThat(dispatches.getCellText(0, 4)).isEqualTo("5,700");
        assertThat(view.history.getHref()).isEqualTo("audit?region=513400");
        assertThat(test(view.below).size()).isEqualTo(11);
        assertThat(view.getPageTitle()).startsWith("Liangshan Yi Autonomous Prefecture");
    }

    @Test
    @WithUserDetails("supervisor")
    void chinasPageFlagsFiguresThatDifferFromTheSumBelow() {
        RegionPageView view = open("CN", 2019);
        assertThat(view.comparisonYear.getValue()).isEqualTo(2019);
        assertThat(view.comparisonYear.getListDataView().getItems().toList()).contains(2013, 2019, 2020);
        assertThat(find(Paragraph.class).all()).extracting(Paragraph::getText)
                .anyMatch(t -> t.matches("\\d+ figures differ from the sum of the regions below.*"));
        var grid = test(view.comparison);
        boolean flagged = false;
        for (int i = 0; i < grid.size(); i++) {
            var row = grid.getRow(i);
            if (row.year() == 2019 && row.metric().code().equals("poor_population")) {
                assertThat(grid.getCellText(i, grid.getColumnPosition("own"))).isEqualTo("11,090,000");
                assertThat(grid.getCellText(i, grid.getColumnPosition("below"))).isEqualTo("16,000");
                flagged = row.differs();
            }
        }
        assertThat(flagged).isTrue();
        assertThat(view.breadcrumb.getChildren().count()).isEqualTo(1);
    }

    @Test
    @WithUserDetails("supervisor")
    void theComparisonShowsOneYearAtATimeTheLatestWithOwnFiguresFirst() {
        RegionPageView view = open("CN");
        var grid = test(view.comparison);
        int latest = view.comparisonYear.getValue();
        assertThat(latest).isEqualTo(test(view.figures).getRow(test(view.figures).size() - 1).year());
        for (int i = 0; i < grid.size(); i++) {
            assertThat(grid.getRow(i).year()).isEqualTo(latest);
        }
        // another year is another address, so it can be bookmarked and the back button works
        view = open("CN", 2018);
        grid = test(view.comparison);
        assertThat(grid.size()).isPositive();
        for (int i = 0; i < grid.size(); i++) {
            assertThat(grid.getRow(i).year()).isEqualTo(2018);
        }
    }

    @Test
    @WithUserDetails("supervisor")
    void yunnansPairingsShowDonorsWithoutFunds() {
        RegionPageView view = open("530000");
        var grid = test(view.pairings);
        assertThat(grid.size()).isEqualTo(2);
        assertThat(grid.getCellText(0, 0)).isEqualTo("Guangdong Province");
        assertThat(grid.getCellText(0, 1)).isEqualTo("East–west pairing province");
        assertThat(grid.getCellText(0, 3)).isEqualTo("China Daily 2019");
        assertThat(view.pairings.getColumns()).hasSize(4);
    }

    @Test
    @WithUserDetails("clerk.nujiang")
    void aRegionOutsideTheScopeHasNoPage() {
        UI.getCurrent().navigate("regions/513400");
        assertThat(getCurrentView()).isNotInstanceOf(RegionPageView.class);
    }
}
