package org.tuopin.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.html.Span;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
class DashboardViewTest extends SpringBrowserlessTest {

    @Test
    @WithUserDetails("auditor")
    void theNationalDashboardShowsTheLatestPublishedPoorPopulationAndTheYearlyTable() {
        DashboardView view = navigate(DashboardView.class);
        assertThat(find(Span.class, view.headlines).all()).extracting(Span::getText)
                // CN 2019 as published: Table 1's poor population and Li 2020's people lifted out
                .containsSubsequence("Poor population", "11,090,000 persons", "2019 · source: Table 1")
                .containsSubsequence("People lifted out", "11,090,000 persons", "2019 · source: Li 2020");
        var years = test(view.years);
        assertThat(years.getRow(0).year()).isEqualTo(2013);
        assertThat(years.getCellText(0, 1)).isEqualTo("82,490,000");
        assertThat(years.getCellText(0, 3)).isEqualTo("8.5");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aClerkSeesTheFiguresOfTheirOwnRegionAndTheReportsInScope() {
        DashboardView view = navigate(DashboardView.class);
        assertThat(find(Span.class, view.headlines).all()).extracting(Span::getText)
                .contains("Poverty incidence", "7.1 %", "People lifted out", "141,000 persons");
        // Liangshan has two approved reports of its own (2018, 2019) and none below it
        assertThat(find(Span.class, view.reports).all()).extracting(Span::getText).containsSequence("Approved", "2");
    }

    @Test
    @WithUserDetails("clerk.nujiang")
    void anotherClerkSeesOnlyTheirOwn() {
        DashboardView view = navigate(DashboardView.class);
        assertThat(find(Span.class, view.headlines).all()).extracting(Span::getText)
                .contains("People lifted out", "90,000 persons")
                .doesNotContain("141,000 persons");
    }
}
