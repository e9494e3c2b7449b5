package org.tuopin.figures.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.grid.Grid;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.figures.FigureRow;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
class FiguresViewTest extends SpringBrowserlessTest {

    @Test
    @WithUserDetails("clerk.liangshan")
    void theLiangshanClerkFindsLiangshans2018FiguresWithTheirSources() {
        FiguresView view = navigate(FiguresView.class);
        test(view.year).selectItem("2018");

        var grid = test(view.grid);
        assertThat(grid.size()).isEqualTo(4);
        var rows = IntStream.range(0, grid.size()).mapToObj(grid::getRow).toList();
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.regionCode()).isEqualTo("513400");
            assertThat(r.year()).isEqualTo(2018);
            assertThat(r.source()).isNotBlank();
        });
        int incidence = rows.indexOf(rows.stream().filter(r -> r.metric().code().equals("poverty_incidence")).findFirst()
                .orElseThrow());
        assertThat(grid.getCellText(incidence, grid.getColumnPosition("value"))).isEqualTo("7.1 %");
        assertThat(grid.getCellText(incidence, grid.getColumnPosition("source"))).isEqualTo("Suga 2019");
        assertThat(grid.getCellText(incidence, grid.getColumnPosition("region")))
                .isEqualTo("513400 Liangshan Yi Autonomous Prefecture");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void theRegionPickerOffersOnlyRegionsInScope() {
        FiguresView view = navigate(FiguresView.class);
        var picker = test(view.region);
        picker.setFilter("");
        assertThat(picker.getSuggestionItems()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.code()).startsWith("5134"));
        picker.setFilter("Nujiang");
        assertThat(picker.getSuggestionItems()).isEmpty();
    }

    @Test
    @WithUserDetails("auditor")
    void filteringByAGroupShowsTheGroupsOwnFigures() {
        FiguresView view = navigate(FiguresView.class);
        var picker = test(view.region);
        picker.setFilter("eight");
        picker.selectItem("Three provinces and five autonomous regions");
        Grid<FigureRow> grid = view.grid;
        assertThat(test(grid).size()).isPositive();
        assertThat(IntStream.range(0, test(grid).size()).mapToObj(i -> test(grid).getRow(i).regionCode()))
                .containsOnly("GROUP:EIGHT_PROVINCES");
    }

    @Test
    @WithUserDetails("auditor")
    void sortingByValueIsDoneByTheDatabase() {
        FiguresView view = navigate(FiguresView.class);
        test(view.year).selectItem("2013");
        var grid = test(view.grid);
        grid.sortByColumn("value", com.vaadin.flow.data.provider.SortDirection.DESCENDING);
        assertThat(grid.getRow(0).value()).isEqualByComparingTo("82490000");
    }
}
