package org.tuopin.e2e;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Pairing assistance ({@code /pairings}): the grid and the record form with its withdrawal confirmation. */
final class PairingsPage {

    private final Browser browser;
    private final WebElement grid;

    private PairingsPage(Browser browser) {
        this.browser = browser;
        this.grid = browser.find(By.cssSelector("vaadin-grid.pairings"));
        browser.waitForVaadin();
    }

    static PairingsPage from(Shell shell, Browser browser) {
        shell.go("Pairing assistance");
        browser.until(d -> browser.path().equals("pairings"));
        return new PairingsPage(browser);
    }

    /** Rows of the record grid as cell texts: donor, donor type, recipient, year, pledged, delivered, … */
    List<List<String>> rows() {
        return browser.gridRows(grid);
    }

    List<List<String>> awaitRows(java.util.function.Predicate<List<List<String>>> condition) {
        return browser.until(() -> "pairing rows; shown: " + rows(), d -> {
            List<List<String>> rows = rows();
            return condition.test(rows) ? rows : null;
        });
    }

    /** Adds a record through the form, as a local office does, and waits for the confirmation. */
    PairingsPage add(String recipientFilter, String recipient, String year, String donor, String donorType,
                     String delivered, String source) {
        browser.click("New pairing record");
        choose("Recipient region", recipientFilter, recipient);
        choose("Year", year, year);
        browser.type(inForm("Donor"), donor);
        choose("Donor type", donorType, donorType);
        browser.type(inForm("Delivered (RMB)"), delivered);
        browser.type(inForm("Source"), source);
        browser.click("Save");
        browser.awaitNotification("Pairing record saved.");
        return this;
    }

    /** Opens the record whose donor cell starts with the text. */
    PairingsPage open(String donor) {
        browser.clickGridCell(grid, donor);
        browser.find(By.cssSelector("vaadin-dialog[opened]"));
        return this;
    }

    /** Clicks "Withdraw…" in the open form, then "Withdraw" in the confirmation with the reason (maybe empty). */
    PairingsPage withdraw(String reason) {
        if (browser.all(By.xpath("//vaadin-text-area[./label[normalize-space(.)='Reason for withdrawing']]")).stream()
                .noneMatch(browser::visible)) {
            browser.click("Withdraw…");
        }
        browser.type("Reason for withdrawing", reason);
        browser.click("Withdraw");
        return this;
    }

    /** The error message under the reason field, or "" when it is valid. */
    String reasonError() {
        WebElement field = browser.field("Reason for withdrawing");
        return browser.isInvalid(field) ? browser.text(field.findElement(By.cssSelector("[slot='error-message']")))
                : "";
    }

    boolean hasButton(String text) {
        return browser.all(By.xpath("//vaadin-button[normalize-space(.)=" + Browser.literal(text) + "]")).stream()
                .anyMatch(browser::visible);
    }

    /** A field of the open dialog by its label (the view's filters above it have some of the same labels). */
    private WebElement inForm(String label) {
        return browser.find(By.xpath("//vaadin-dialog[@opened]//*[starts-with(local-name(), 'vaadin-') and ./label["
                + "normalize-space(.)=" + Browser.literal(label) + "]]"));
    }

    /** Picks an item of a combo box by typing into it and clicking the item the server offers. */
    private void choose(String label, String typed, String item) {
        WebElement field = inForm(label);
        WebElement input = Browser.inputOf(field);
        browser.scrollTo(input);
        input.click();
        input.sendKeys(typed);
        WebElement option = browser.until(() -> "the item '" + item + "' of " + label, d -> d.findElements(
                        By.cssSelector("vaadin-combo-box-item")).stream()
                .filter(o -> browser.visible(o) && browser.text(o).equals(item)).findFirst().orElse(null));
        option.click();
        browser.waitForVaadin();
    }
}
