package org.tuopin.e2e;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** What waits for the signed-in user ({@code /inbox}): returned reports for an office, submitted ones for a supervisor. */
final class InboxPage {

    private final Browser browser;
    private final WebElement grid;

    private InboxPage(Browser browser) {
        this.browser = browser;
        this.grid = browser.find(By.cssSelector("vaadin-grid"));
        browser.waitForVaadin();
    }

    static InboxPage from(Shell shell, Browser browser) {
        shell.go("Inbox");
        browser.until(d -> browser.path().equals("inbox"));
        return new InboxPage(browser);
    }

    /** Rows as cell texts: region, year, state, last action, reason or explanation. */
    List<List<String>> rows() {
        return browser.gridRows(grid);
    }

    List<String> awaitRow(String regionStart) {
        return browser.until(d -> rows().stream().filter(r -> r.getFirst().startsWith(regionStart)).findFirst()
                .orElse(null));
    }

    ReportFormPage open(String regionStart) {
        awaitRow(regionStart);
        browser.clickGridCell(grid, regionStart);
        return ReportFormPage.at(browser);
    }
}
