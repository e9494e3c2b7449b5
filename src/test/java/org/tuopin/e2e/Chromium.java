package org.tuopin.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.tuopin.packaged.PackagedApp;

/**
 * Debian's Chromium and chromedriver ({@code apt-get install -y chromium chromium-driver}), never a browser that
 * Selenium downloads: both paths are given explicitly, so Selenium Manager is not consulted. When they are missing
 * the journeys skip themselves, loudly, unless they are required.
 */
final class Chromium {

    static final Path BINARY = Path.of(System.getProperty("tuopin.e2e.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("tuopin.e2e.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    /** A fresh headless browser with its own profile, English unless asked otherwise, downloads into the folder. */
    static ChromeDriver start(Path profile, Path downloads, String language) throws IOException {
        assumeInstalled();
        Files.createDirectories(profile);
        Files.createDirectories(downloads);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        // as root on a closed network: no sandbox, no GPU, nothing that phones home
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1440,1000",
                "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of(
                "intl.accept_languages", language,
                "download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        return new ChromeDriver(service, options);
    }

    /** Where the skipped journeys leave their one line for the end of the build (pom.xml, antrun "journeys-skipped"). */
    static final String SKIPPED_NOTE = "journeys-skipped.txt";

    /**
     * A machine with only a JDK still passes {@code ./mvnw verify}: without the browser the journey is skipped (JUnit
     * assumption) and the build ends with one warning that says so. With {@code -Dtuopin.e2e.require=true}, as
     * {@code .ci/run} passes it, a missing browser fails the journey instead, so that CI always runs them.
     */
    static void assumeInstalled() throws IOException {
        if (Files.isExecutable(BINARY) && Files.isExecutable(DRIVER)) {
            return;
        }
        String missing = "no Chromium at " + BINARY + " or no chromedriver at " + DRIVER;
        if (Boolean.getBoolean("tuopin.e2e.require")) {
            throw new IllegalStateException("The browser journeys are required (-Dtuopin.e2e.require=true) but there is "
                    + missing + ". Install them with 'apt-get install -y chromium chromium-driver'.");
        }
        Path note = PackagedApp.workDir().resolve(SKIPPED_NOTE);
        Files.createDirectories(note.getParent());
        Files.writeString(note, "The browser journeys (src/test/java/org/tuopin/e2e) were SKIPPED: " + missing
                + ". To run them: apt-get install -y chromium chromium-driver, then ./mvnw verify"
                + " (-Dtuopin.e2e.require=true turns a missing browser into a failure, as in .ci/run).");
        Assumptions.abort("Browser journey skipped: " + missing + " (apt-get install -y chromium chromium-driver)");
    }
}
