package org.tuopin.e2e;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * One region's report for one year ({@code /figures/:regionCode/:year}). Values are addressed by their row's
 * label as the page shows it, such as {@code "People lifted out (persons)"}.
 */
final class ReportFormPage {

    private final Browser browser;

    private ReportFormPage(Browser browser) {
        this.browser = browser;
    }

    static ReportFormPage open(Browser browser, String regionCode, int year) {
        browser.open("figures/" + regionCode + "/" + year);
        return at(browser);
    }

    static ReportFormPage at(Browser browser) {
        browser.until(d -> browser.path().matches("figures/\\d+/\\d{4}"));
        browser.find(By.cssSelector(".report-table"));
        browser.waitForVaadin();
        return new ReportFormPage(browser);
    }

    String title() {
        return browser.text(browser.find(By.cssSelector("h2.view-title")));
    }

    /** The report's state as its badge shows it: Not started, Draft, Submitted, Returned, Approved. */
    String state() {
        return browser.text(browser.find(By.cssSelector("h2.view-title ~ span[theme~='badge']")));
    }

    String awaitState(String expected) {
        return browser.until(() -> "the state " + expected + ", but it is " + state() + "; notifications: "
                + browser.notifications(), d -> expected.equals(state()) ? state() : null);
    }

    WebElement value(String rowLabel) {
        return browser.field(rowLabel);
    }

    WebElement source(String rowLabel) {
        return browser.field(rowLabel + " · Source");
    }

    ReportFormPage enter(String rowLabel, String value) {
        browser.type(value(rowLabel), value);
        return this;
    }

    ReportFormPage enterSource(String rowLabel, String source) {
        browser.type(source(rowLabel), source);
        return this;
    }

    String valueOf(String rowLabel) {
        return browser.valueOf(value(rowLabel));
    }

    boolean isInvalid(String rowLabel) {
        return browser.isInvalid(value(rowLabel));
    }

    boolean isReadOnly(String rowLabel) {
        return browser.isReadOnly(value(rowLabel));
    }

    /** The previous year's value beside a row, as shown. */
    String previousYear(String rowLabel) {
        WebElement label = browser.find(By.xpath("//div[contains(@class,'report-table')]/div[contains(@class,'label')"
                + " and normalize-space(.)=" + Browser.literal(rowLabel) + "]"));
        return browser.text(label.findElement(By.xpath("following-sibling::div[2]")));
    }

    /** The findings listed under the table, such as "Error: ..." and "Warning: ...". */
    List<String> findings() {
        return browser.all(By.cssSelector("li.finding-error, li.finding-warning")).stream().map(browser::text)
                .toList();
    }

    WebElement explanation() {
        return browser.field("Explanation");
    }

    ReportFormPage explain(String text) {
        browser.type(explanation(), text);
        return this;
    }

    ReportFormPage saveDraft() {
        browser.click("Save draft");
        return this;
    }

    ReportFormPage submit() {
        browser.click("Submit for review");
        return this;
    }

    ReportFormPage approve() {
        browser.click("Approve");
        return this;
    }

    /** Returns a submitted report through the dialog that asks for the reason. */
    ReportFormPage returnWithReason(String reason) {
        browser.click("Return with reason");
        browser.find(By.cssSelector("vaadin-dialog[opened], vaadin-dialog-overlay[opened]"));
        WebElement field = browser.until(d -> d.findElements(By.xpath("//*[(self::vaadin-dialog or self::vaadin-dialog-overlay)]"
                        + "//vaadin-text-area")).stream().filter(browser::visible).findFirst().orElse(null));
        browser.type(field, reason);
        WebElement confirm = browser.until(d -> d.findElements(By.xpath("//*[(self::vaadin-dialog or "
                        + "self::vaadin-dialog-overlay)]//vaadin-button[normalize-space(.)='Return with reason']")).stream()
                .filter(browser::visible).findFirst().orElse(null));
        browser.click(confirm);
        browser.until(d -> d.findElements(By.cssSelector("vaadin-dialog[opened]")).isEmpty());
        return this;
    }

    boolean hasButton(String text) {
        return browser.all(By.xpath("//vaadin-button[normalize-space(.)=" + Browser.literal(text) + "]")).stream()
                .anyMatch(browser::visible);
    }
}
