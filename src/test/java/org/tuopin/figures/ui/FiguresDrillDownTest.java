package org.tuopin.figures.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.IntStream;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.figures.FigureRow;
import org.tuopin.figures.ReportState;

/** The grids open filtered from an address, as the dashboard's charts link to them. */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class FiguresDrillDownTest extends SpringBrowserlessTest {

    @Test
    @WithUserDetails("supervisor")
    void theFiguresGridTakesRegionAndYearFromTheAddress() {
        UI.getCurrent().navigate("figures", QueryParameters.simple(Map.of("region", "513400", "year", "2019")));
        FiguresView view = (FiguresView) getCurrentView();
        assertThat(view.year.getValue()).isEqualTo(2019);
        assertThat(view.region.getValue().code()).isEqualTo("513400");
        var grid = test(view.grid);
        assertThat(grid.size()).isEqualTo(4);
        assertThat(IntStream.range(0, grid.size()).mapToObj(grid::getRow)).allSatisfy(r -> {
            assertThat(r.regionCode()).isEqualTo("513400");
            assertThat(r.year()).isEqualTo(2019);
        });
    }

    @Test
    @WithUserDetails("supervisor")
    void aGroupFromTheIncidenceChartOpensTheGroupsFigures() {
        UI.getCurrent().navigate("figures", QueryParameters.simple(Map.of("region", "GROUP:EIGHT_PROVINCES",
                "year", "2013")));
        FiguresView view = (FiguresView) getCurrentView();
        var grid = test(view.grid);
        assertThat(IntStream.range(0, grid.size()).mapToObj(grid::getRow).map(FigureRow::regionCode))
                .containsOnly("GROUP:EIGHT_PROVINCES").hasSize(2);
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aRegionOutsideTheScopeInTheAddressIsIgnored() {
        UI.getCurrent().navigate("figures", QueryParameters.simple(Map.of("region", "533300", "year", "2019")));
        FiguresView view = (FiguresView) getCurrentView();
        assertThat(view.region.getValue()).isNull();
        var grid = test(view.grid);
        assertThat(IntStream.range(0, grid.size()).mapToObj(grid::getRow).map(FigureRow::regionCode))
                .containsOnly("513400");
    }

    @Test
    @WithUserDetails("supervisor")
    void theProgressGridTakesYearsAndStateFromTheAddress() {
        UI.getCurrent().navigate("progress", QueryParameters.simple(Map.of("from", "2018", "to", "2018",
                "state", "APPROVED", "metric", "poor_population")));
        ProgressView view = (ProgressView) getCurrentView();
        assertThat(view.fromYear.getValue()).isEqualTo(2018);
        assertThat(view.toYear.getValue()).isEqualTo(2018);
        assertThat(view.state.getValue()).isEqualTo(ReportState.APPROVED);
        assertThat(view.metric.getValue().code()).isEqualTo("poor_population");
        assertThat(view.completeness.getListDataView().getItems().map(c -> c.year()).toList()).containsExactly(2018);
    }
}
