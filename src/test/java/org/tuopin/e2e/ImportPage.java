package org.tuopin.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The import page ({@code /figures/import}): upload a file, check it, import it. */
final class ImportPage {

    private static final String REMOVE_FILE = """
            const find = (root) => {
                for (const el of root.querySelectorAll('*')) {
                    if ((el.getAttribute('part') || '').split(' ').includes('remove-button')) return el;
                    if (el.shadowRoot) { const inner = find(el.shadowRoot); if (inner) return inner; }
                }
                return null;
            };
            const button = find(arguments[0]);
            if (button) button.click();
            return button !== null;""";

    private final Browser browser;

    private ImportPage(Browser browser) {
        this.browser = browser;
    }

    static ImportPage from(Shell shell, Browser browser) {
        shell.go("Import figures");
        browser.until(d -> browser.path().equals("figures/import"));
        browser.find(By.cssSelector("vaadin-upload"));
        return new ImportPage(browser);
    }

    /** Uploads a CSV file with the given content under the given name, as if chosen in the file dialog. */
    ImportPage upload(String fileName, String content) throws IOException {
        Path file = browser.downloads.resolveSibling("uploads").resolve(fileName);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        WebElement upload = browser.find(By.cssSelector("vaadin-upload"));
        List<WebElement> inputs = upload.findElements(By.cssSelector("input[type=file]"));
        WebElement input = inputs.isEmpty() ? upload.getShadowRoot().findElement(By.cssSelector("input[type=file]"))
                : inputs.getFirst();
        input.sendKeys(file.toAbsolutePath().toString());
        browser.until(() -> "the upload of " + fileName, d -> fileName.equals(fileName()));
        browser.waitForVaadin();
        return this;
    }

    /** Removes the uploaded file from the list, as the file's remove button does. */
    ImportPage removeFile() {
        Object removed = browser.js(REMOVE_FILE, browser.find(By.cssSelector("vaadin-upload")));
        if (!Boolean.TRUE.equals(removed)) {
            throw new IllegalStateException("The upload shows no file to remove");
        }
        browser.waitForVaadin();
        browser.until(() -> "the file to be removed", d -> fileName().isEmpty());
        return this;
    }

    String fileName() {
        return browser.text(browser.find(By.xpath("//vaadin-button[normalize-space(.)='Check']/following-sibling::span")));
    }

    ImportPage check() {
        browser.click("Check");
        return this;
    }

    ImportPage importFile() {
        browser.click("Import");
        return this;
    }

    boolean importEnabled() {
        return browser.button("Import").getDomAttribute("disabled") == null;
    }

    /** The sentence under the buttons that sums up the check or the import. */
    String summary() {
        return browser.until(() -> "a summary", d -> {
            String text = browser.text(browser.find(By.xpath(
                    "//vaadin-horizontal-layout[vaadin-button[normalize-space(.)='Check']]/following-sibling::span[1]")));
            return text.isEmpty() ? null : text;
        });
    }

    /** The problems grid: row, column, problem. */
    List<List<String>> problems() {
        return browser.gridRows(browser.find(By.cssSelector("vaadin-grid")));
    }
}
