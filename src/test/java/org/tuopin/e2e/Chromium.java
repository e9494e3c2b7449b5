package org.tuopin.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver ({@code apt-get install -y chromium chromium-driver}), never a browser that
 * Selenium downloads: both paths are given explicitly, so Selenium Manager is not consulted. When they are missing
 * the journeys fail with a message that says how to install them or how to skip them on purpose.
 */
final class Chromium {

    static final Path BINARY = Path.of(System.getProperty("tuopin.e2e.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("tuopin.e2e.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    /** A fresh headless browser with its own profile, English unless asked otherwise, downloads into the folder. */
    static ChromeDriver start(Path profile, Path downloads, String language) throws IOException {
        requireInstalled();
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

    static void requireInstalled() {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("The browser journeys need Chromium at " + BINARY + " and chromedriver at "
                    + DRIVER + ". Install them with 'apt-get install -y chromium chromium-driver' (.ci/run does so), "
                    + "or skip the journeys explicitly with -Dtuopin.e2e.skip=true.");
        }
    }
}
