package org.tuopin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Journey 6: the dashboard draws its charts in the browser, each chart's table lists the study's numbers, and a
 * click on a point opens the matching grid. Reads only: it can run in any order with the other journeys.
 */
class DashboardIT extends BrowserJourney {

    @Test
    void theChartsDrawTheirTablesShowTable1AndAPointOpensTheFilteredGrid() {
        signIn("supervisor");
        DashboardPage dashboard = DashboardPage.at(browser());
        assertThat(dashboard.drawnCharts()).contains("chart-incidence", "chart-completeness");

        // Table 1: the eight provinces' poverty incidence, 2013 to 2019
        assertThat(dashboard.tableText("chart-incidence"))
                .contains("17.1", "14.7", "12.1", "9.4", "6.9", "0.79");

        dashboard.clickFirstPoint("chart-incidence", 0);
        browser().until(d -> browser().path().startsWith("figures"));
        assertThat(browser().driver.getCurrentUrl()).contains("year=2013").contains("region=");
    }
}
