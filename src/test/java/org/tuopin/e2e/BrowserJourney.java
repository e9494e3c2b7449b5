package org.tuopin.e2e;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The base of every browser journey: a fresh Chromium per test against the packaged application, which all
 * journeys share. Journeys do not depend on each other's order: each works in regions and years of its own
 * (see the table in the README's test section) and leaves the accounts as it found them.
 *
 * <p>To add a journey: extend this class, name it {@code *IT}, drive the pages through the page objects of this
 * package (add one per new view), and pick a region and year no other journey writes to.
 */
abstract class BrowserJourney {

    @RegisterExtension
    final BrowserSession session = new BrowserSession();

    Browser browser() {
        return session.browser();
    }

    Shell signIn(String username) {
        return LoginPage.signIn(browser(), username);
    }
}
