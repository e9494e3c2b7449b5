package org.tuopin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Not a test: writes the README's screenshots into {@code docs/screenshots/} from the packaged application on a
 * fresh demo database. Run it with {@code ./mvnw -Pscreenshots verify}; the profile runs nothing else. The name
 * does not end in {@code IT}, so {@code ./mvnw verify} leaves it out.
 */
class ReadmeScreenshots extends BrowserJourney {

    private final Path folder = Path.of(System.getProperty("tuopin.screenshots.dir", "docs/screenshots"));

    @Test
    void writeTheReadmeScreenshots() throws IOException {
        Files.createDirectories(folder);
        LoginPage.open(browser());
        save("login");

        // the national dashboard, with its charts drawn
        Shell shell = LoginPage.signIn(browser(), "supervisor");
        DashboardPage.at(browser()).drawnCharts();
        save("dashboard");
        browser().open("pairings");
        browser().find(By.cssSelector("vaadin-grid"));
        save("pairings");
        shell.signOut("Sign out");

        shell = LoginPage.signIn(browser(), "clerk.liangshan");

        ProgressPage.from(shell, browser(), "Progress");
        save("progress");

        // a draft with values, so that the form shows the change against the approved year before
        ReportFormPage form = ReportFormPage.open(browser(), "513400", 2020);
        form.enter("People lifted out (persons)", "97000").enter("Villages exited (villages)", "300")
                .enterSource("People lifted out (persons)", "Liangshan poverty alleviation office").saveDraft();
        form.awaitState("Draft");
        browser().scrollTo(browser().find(By.cssSelector("h2.view-title")));
        save("report-form");

        shell = Shell.at(browser()).switchLanguage("中文");
        try {
            ProgressPage.from(shell, browser(), "填报进度");
            save("progress-zh");
        } finally {
            shell.switchLanguage("English").signOut("Sign out");
        }

        shell = LoginPage.signIn(browser(), "auditor");
        AuditPage.from(shell, browser()).awaitRows(rows -> rows.size() > 2);
        save("audit");
    }

    private void save(String name) throws IOException {
        browser().waitForVaadin();
        // a picture for the README: without the toast of the last action, and once the loading bar has faded out
        browser().js("document.querySelectorAll('vaadin-notification').forEach(n => n.opened = false);");
        browser().until(() -> "the toasts and the loading bar to go", d -> Boolean.TRUE.equals(browser().js("""
                return document.querySelectorAll('vaadin-notification-card').length === 0
                    && Array.from(document.querySelectorAll('.v-loading-indicator'))
                    .every(i => getComputedStyle(i).display === 'none' || getComputedStyle(i).opacity === '0');""")));
        Path file = folder.resolve(name + ".png");
        Files.write(file, browser().screenshot());
        assertThat(Files.size(file)).as(file.toString()).isGreaterThan(10_000);
    }
}
