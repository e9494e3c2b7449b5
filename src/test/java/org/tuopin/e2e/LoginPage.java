package org.tuopin.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The sign-in page ({@code /login}), a Vaadin login form that posts to Spring Security. */
final class LoginPage {

    static final String DEMO_PASSWORD = "tuopin-demo-2020";

    /** Text of every element of the login form whose part names an error message, shadow roots included. */
    private static final String ERROR_TEXT = """
            const found = [];
            const walk = (root) => {
                root.querySelectorAll('*').forEach(el => {
                    const part = el.getAttribute('part') || '';
                    const slot = el.getAttribute('slot') || '';
                    if ((part.includes('error-message') || slot.includes('error-message'))
                            && el.offsetParent !== null) {
                        const slots = el.querySelectorAll('slot');
                        const text = slots.length
                            ? Array.from(slots).flatMap(s => s.assignedNodes()).map(n => n.textContent).join(' ')
                            : el.textContent;
                        found.push(text.trim());
                    }
                    if (el.shadowRoot) walk(el.shadowRoot);
                });
            };
            walk(document);
            return found.filter(t => t.length > 0).join(' ');""";

    private final Browser browser;

    private LoginPage(Browser browser) {
        this.browser = browser;
    }

    static LoginPage open(Browser browser) {
        browser.open("login");
        return at(browser);
    }

    static LoginPage at(Browser browser) {
        browser.find(By.cssSelector("vaadin-login-form"));
        return new LoginPage(browser);
    }

    /** Signs in with the demo password and lands in the application's shell. */
    static Shell signIn(Browser browser, String username) {
        return open(browser).signIn(username, DEMO_PASSWORD);
    }

    Shell signIn(String username, String password) {
        submit(username, password);
        return Shell.at(browser);
    }

    /** Submits the form and stays on the sign-in page, which then shows its error. */
    LoginPage signInRefused(String username, String password) {
        submit(username, password);
        browser.until(d -> browser.path().startsWith("login") && !errorMessage().isEmpty());
        return this;
    }

    private void submit(String username, String password) {
        WebElement user = browser.find(By.cssSelector("vaadin-login-form vaadin-text-field"));
        WebElement pass = browser.find(By.cssSelector("vaadin-login-form vaadin-password-field"));
        Browser.inputOf(user).sendKeys(username);
        WebElement passwordInput = Browser.inputOf(pass);
        passwordInput.sendKeys(password);
        passwordInput.sendKeys(Keys.ENTER);
        browser.until(d -> !d.getCurrentUrl().endsWith("/login") || !errorMessage().isEmpty());
        browser.waitForVaadin();
    }

    String title() {
        return String.valueOf(browser.js("const f = document.querySelector('vaadin-login-form');"
                + "return f && f.i18n && f.i18n.form ? f.i18n.form.title : '';"));
    }

    /** The error the form shows, empty when it shows none. */
    String errorMessage() {
        return String.valueOf(browser.js(ERROR_TEXT));
    }
}
