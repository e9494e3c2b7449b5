package org.tuopin.e2e;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The dashboard ({@code /}), the first view after sign-in: its charts, their tables, a click into a grid. */
final class DashboardPage {

    private final Browser browser;

    private DashboardPage(Browser browser) {
        this.browser = browser;
    }

    /** Opens the page through the menu entry with the given label (it depends on the language). */
    static DashboardPage from(Shell shell, Browser browser, String menuLabel) {
        shell.go(menuLabel);
        return at(browser);
    }

    static DashboardPage at(Browser browser) {
        browser.until(d -> browser.path().isEmpty());
        browser.find(By.cssSelector("h2.view-title, h2"));
        browser.waitForVaadin();
        return new DashboardPage(browser);
    }

    String title() {
        return browser.text(browser.find(By.cssSelector("h2")));
    }

    /** The ids of the chart panels that drew something: ECharts put a canvas into their chart element. */
    List<String> drawnCharts() {
        browser.until(d -> !browser.all(By.cssSelector(".chart-panel .echart canvas")).isEmpty());
        return browser.all(By.cssSelector(".chart-panel")).stream()
                .filter(panel -> !panel.findElements(By.cssSelector(".echart canvas")).isEmpty())
                .map(panel -> panel.getAttribute("id")).toList();
    }

    /** The "show as table" alternative of a chart: every cell's text, row by row. */
    String tableText(String chartId) {
        WebElement panel = browser.find(By.id(chartId));
        browser.click(panel.findElement(By.cssSelector("vaadin-details-summary")));
        WebElement table = panel.findElement(By.cssSelector("table.chart-table"));
        // the server lists the rows when the table is opened
        browser.until(d -> table.isDisplayed() && !table.findElements(By.cssSelector("tbody tr")).isEmpty());
        return table.getText();
    }

    /**
     * Clicks, with the browser's real mouse, the first drawn point of a line chart at a category: at the pixel
     * where ECharts reports it drew that value. Returns the clicked series' name.
     */
    String clickFirstPoint(String chartId, int category) {
        WebElement chart = browser.find(By.cssSelector("#" + chartId + " .echart"));
        @SuppressWarnings("unchecked")
        List<Object> hit = (List<Object>) browser.js("""
                const chart = arguments[0].$chart;
                const option = chart.getOption();
                const selected = (option.legend && option.legend[0] && option.legend[0].selected) || {};
                for (let i = 0; i < option.series.length; i++) {
                    const s = option.series[i];
                    const value = s.data[arguments[1]];
                    const y = value !== null && typeof value === 'object' ? value.value : value;
                    if (y !== null && y !== undefined && selected[s.name] !== false) {
                        const p = chart.convertToPixel({seriesIndex: i}, [arguments[1], y]);
                        return [p[0], p[1], s.name];
                    }
                }
                return null;""", chart, category);
        int dx = (int) Math.round(((Number) hit.get(0)).doubleValue() - chart.getRect().getWidth() / 2.0);
        int dy = (int) Math.round(((Number) hit.get(1)).doubleValue() - chart.getRect().getHeight() / 2.0);
        browser.scrollTo(chart);
        new Actions(browser.driver).moveToElement(chart, dx, dy).click().perform();
        browser.waitForVaadin();
        return (String) hit.get(2);
    }
}
