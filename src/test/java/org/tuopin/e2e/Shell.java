package org.tuopin.e2e;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The frame around every view after sign-in: the side menu, the user line, the language switch, sign-out. */
final class Shell {

    private static final String ITEM_LABELS = """
            return Array.from(document.querySelectorAll('vaadin-side-nav > vaadin-side-nav-item')).map(item =>
                Array.from(item.childNodes)
                    .filter(n => n.nodeType === Node.TEXT_NODE || (n.nodeType === Node.ELEMENT_NODE && !n.slot))
                    .map(n => n.textContent).join('').trim());""";

    private final Browser browser;

    private Shell(Browser browser) {
        this.browser = browser;
    }

    static Shell at(Browser browser) {
        browser.find(By.cssSelector("vaadin-app-layout vaadin-side-nav"));
        browser.waitForVaadin();
        return new Shell(browser);
    }

    /** The labels of the side menu, top to bottom, without icons or badges. */
    @SuppressWarnings("unchecked")
    List<String> menu() {
        return (List<String>) browser.js(ITEM_LABELS);
    }

    /** The line under the menu: user name, role, region code. */
    String userLine() {
        return browser.text(browser.find(By.cssSelector(".app-user span")));
    }

    void go(String menuLabel) {
        WebElement item = browser.until(d -> d.findElements(By.cssSelector("vaadin-side-nav-item")).stream()
                .filter(i -> browser.text(i).startsWith(menuLabel)).findFirst().orElse(null));
        browser.click(item);
    }

    /** Switches between English and Chinese with the button under the menu; the page reloads in the new language. */
    Shell switchLanguage(String buttonText) {
        WebElement before = browser.find(By.cssSelector("vaadin-side-nav"));
        browser.click(buttonText);
        browser.until(d -> {
            try {
                before.isDisplayed();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            }
        });
        return at(browser);
    }

    LoginPage signOut(String buttonText) {
        browser.click(buttonText);
        browser.until(d -> browser.path().startsWith("login"));
        return LoginPage.at(browser);
    }
}
