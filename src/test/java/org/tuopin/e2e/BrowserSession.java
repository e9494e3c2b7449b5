package org.tuopin.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.tuopin.packaged.PackagedApp;

/**
 * Gives each journey a fresh Chromium against the one packaged application of the test run (started on first use,
 * stopped when the run ends). Without Chromium or chromedriver the journey is skipped, or fails with
 * {@code -Dtuopin.e2e.require=true} (see {@link Chromium#assumeInstalled()}). A journey that fails leaves a screenshot and the page's HTML in
 * {@code target/e2e/failures/}.
 */
final class BrowserSession implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

    private final String language;
    private Browser browser;
    private Path profile;

    BrowserSession() {
        this("en-US");
    }

    BrowserSession(String language) {
        this.language = language;
    }

    Browser browser() {
        return browser;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Chromium.assumeInstalled();
        PackagedApp app = PackagedApp.shared(context);
        String name = name(context);
        Path run = PackagedApp.workDir().resolve("browsers").resolve(name + "-" + System.nanoTime());
        profile = run.resolve("profile");
        browser = new Browser(Chromium.start(profile, run.resolve("downloads"), language), app.baseUrl,
                run.resolve("downloads"));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        if (browser != null && context.getExecutionException().isPresent()) {
            Path folder = PackagedApp.workDir().resolve("failures");
            browser.saveArtefacts(folder, name(context));
            System.err.println("Journey failed: screenshot and HTML in " + folder.resolve(name(context)) + ".{png,html}");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (browser != null) {
            browser.driver.quit();
            browser = null;
        }
        // the profile is only Chromium's scratch space; downloads and uploads stay for a look after a failure
        if (profile != null && Files.isDirectory(profile)) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String name(ExtensionContext context) {
        return context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    }
}
