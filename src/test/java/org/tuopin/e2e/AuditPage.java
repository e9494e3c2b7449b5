package org.tuopin.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The audit trail ({@code /audit}): filters, the grid of entries, chain verification and the export links. */
final class AuditPage {

    private final Browser browser;
    private final WebElement grid;

    private AuditPage(Browser browser) {
        this.browser = browser;
        this.grid = browser.find(By.cssSelector("vaadin-grid"));
        browser.waitForVaadin();
    }

    static AuditPage from(Shell shell, Browser browser) {
        shell.go("Audit trail");
        browser.until(d -> browser.path().equals("audit"));
        return new AuditPage(browser);
    }

    AuditPage filterByRegion(String code) {
        browser.type("Region code", code);
        return this;
    }

    AuditPage filterByAccount(String account) {
        browser.type("Account", account);
        return this;
    }

    /** Rows as cell texts: entry, time, account, action, record, region, changes, reason. */
    List<List<String>> rows() {
        return browser.gridRows(grid);
    }

    List<List<String>> awaitRows(java.util.function.Predicate<List<List<String>>> condition) {
        return browser.until(() -> "audit rows; shown: " + rows(), d -> {
            List<List<String>> rows = rows();
            return condition.test(rows) ? rows : null;
        });
    }

    /** Verifies the hash chain and returns what the page says about it. */
    String verifyChain() {
        browser.click("Verify the chain");
        return browser.until(() -> "the verification result", d -> {
            String text = browser.text(browser.find(By.cssSelector("vaadin-button ~ span[theme~='badge']")));
            return text.isEmpty() ? null : text;
        });
    }

    /** Clicks an export link ("Export CSV", "Export XLSX") and waits until the browser has saved the file. */
    Path download(String linkText, String fileName) throws IOException {
        Path target = browser.downloads.resolve(fileName);
        Files.deleteIfExists(target);
        WebElement link = browser.find(By.xpath("//a[normalize-space(.)=" + Browser.literal(linkText) + "]"));
        browser.click(link);
        browser.until(() -> fileName + " in " + browser.downloads, d -> Files.isRegularFile(target) && !partial());
        return target;
    }

    private boolean partial() {
        try (Stream<Path> files = Files.list(browser.downloads)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
        } catch (IOException e) {
            return true;
        }
    }
}
