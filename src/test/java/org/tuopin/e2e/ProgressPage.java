package org.tuopin.e2e;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The progress grid ({@code /progress}): regions by year with each report's state, and completeness per year. */
final class ProgressPage {

    private final Browser browser;

    private ProgressPage(Browser browser) {
        this.browser = browser;
    }

    /** Opens the page through the menu entry with the given label (it depends on the language). */
    static ProgressPage from(Shell shell, Browser browser, String menuLabel) {
        shell.go(menuLabel);
        browser.until(d -> browser.path().equals("progress"));
        ProgressPage page = new ProgressPage(browser);
        browser.until(() -> "the progress grid's rows", d -> !browser.gridRows(page.regions()).isEmpty());
        return page;
    }

    /** The tree grid of regions and years. */
    WebElement regions() {
        return browser.all(By.cssSelector("vaadin-grid")).getFirst();
    }

    /** The grid of completeness per year under it. */
    WebElement completeness() {
        return browser.all(By.cssSelector("vaadin-grid")).getLast();
    }

    List<String> regionHeaders() {
        return browser.gridHeaders(regions());
    }

    List<String> completenessHeaders() {
        return browser.gridHeaders(completeness());
    }
}
