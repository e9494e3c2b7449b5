package org.tuopin.e2e;

import org.openqa.selenium.By;

/**
 * The dashboard ({@code /}), the first view after sign-in. Journey 6 (the dashboard's charts) adds its reads here
 * once the charts exist: a {@code DashboardIT} beside the other journeys, driving this page object.
 */
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
}
