package org.tuopin.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One Chromium session against the application, with the few moves every page object needs: open a route, wait
 * until Vaadin has answered every request, fill Vaadin fields, press buttons, read notifications. Waits are
 * explicit and end as soon as the page is ready.
 */
final class Browser {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** True when no Flow client has a request in flight (and the page has loaded one at all). */
    private static final String VAADIN_IDLE = """
            if (document.readyState !== 'complete') return false;
            const flow = window.Vaadin && window.Vaadin.Flow;
            if (!flow || !flow.clients) return false;
            const clients = Object.values(flow.clients).filter(c => c && typeof c.isActive === 'function');
            return clients.length > 0 && clients.every(c => !c.isActive());""";

    final ChromeDriver driver;
    final String baseUrl;
    final Path downloads;

    Browser(ChromeDriver driver, String baseUrl, Path downloads) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.downloads = downloads;
    }

    void open(String route) {
        driver.get(baseUrl + "/" + route);
        waitForVaadin();
    }

    String path() {
        String url = driver.getCurrentUrl();
        String rest = url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
        int query = rest.indexOf('?');
        return (query < 0 ? rest : rest.substring(0, query)).replaceAll("^/", "");
    }

    /** Waits until every Flow client is idle: nothing is on its way to or from the server. */
    void waitForVaadin() {
        until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(VAADIN_IDLE)));
    }

    <T> T until(Function<WebDriver, T> condition) {
        return until(() -> "the page to be ready", condition);
    }

    /** Waits for the condition; a timeout says what was awaited, in the words of the supplier. */
    <T> T until(java.util.function.Supplier<String> awaited, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class).withMessage(awaited);
        return wait.until(condition);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The first element that is rendered (not hidden); it may lie outside the scrolled part of the view. */
    WebElement find(By by) {
        return until(() -> "a visible " + by, d -> d.findElements(by).stream().filter(this::visible).findFirst().orElse(null));
    }

    /**
     * Rendered and not hidden. Selenium's {@code isDisplayed} also calls an element hidden when it lies outside the
     * scrolled part of the app layout's content, which is no reason to refuse it.
     */
    /**
     * The element's text whether or not it is scrolled into view ({@code getText} answers "" for text outside the
     * scrolled part of the view), with runs of white space made one.
     */
    String text(WebElement element) {
        return String.valueOf(js("return arguments[0].textContent;", element)).replaceAll("\\s+", " ").trim();
    }

    boolean visible(WebElement element) {
        return Boolean.TRUE.equals(js("return arguments[0].checkVisibility({visibilityProperty: true});", element));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** A Vaadin button by its visible text. */
    WebElement button(String text) {
        return find(By.xpath("//vaadin-button[normalize-space(.)=" + literal(text) + "]"));
    }

    void click(String buttonText) {
        click(button(buttonText));
    }

    void click(WebElement element) {
        until(d -> visible(element) && element.isEnabled() && element.getDomAttribute("disabled") == null);
        scrollTo(element);
        element.click();
        waitForVaadin();
    }

    /** A Vaadin text field, text area or number field by its visible label or its aria-label. */
    WebElement field(String label) {
        return find(By.xpath("//*[starts-with(local-name(), 'vaadin-') and (@aria-label=" + literal(label)
                + " or ./label[normalize-space(.)=" + literal(label) + "])]"));
    }

    /** Types into a Vaadin field as a user does, replacing what was there, and leaves it so the value is sent. */
    void type(WebElement field, String text) {
        WebElement input = inputOf(field);
        scrollTo(input);
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
        input.sendKeys(Keys.TAB);
        waitForVaadin();
    }

    void type(String label, String text) {
        type(field(label), text);
    }

    /** The view scrolls inside the app layout, not the window: bring the element to the middle first. */
    void scrollTo(WebElement element) {
        js("arguments[0].scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});", element);
    }

    String valueOf(WebElement field) {
        return String.valueOf(js("return arguments[0].value;", field));
    }

    static WebElement inputOf(WebElement field) {
        List<WebElement> inputs = field.findElements(By.cssSelector("input, textarea"));
        if (inputs.isEmpty()) {
            // a field whose input still lives in its shadow root
            return field.getShadowRoot().findElement(By.cssSelector("input, textarea"));
        }
        return inputs.getFirst();
    }

    boolean isInvalid(WebElement field) {
        return field.getDomAttribute("invalid") != null;
    }

    boolean isReadOnly(WebElement field) {
        return field.getDomAttribute("readonly") != null;
    }

    /** The texts of the notifications on screen now. */
    List<String> notifications() {
        return all(By.cssSelector("vaadin-notification-card")).stream().map(this::text)
                .filter(t -> !t.isBlank()).toList();
    }

    /** Waits for a notification that contains the text, and returns its whole text. */
    String awaitNotification(String containing) {
        return until(() -> "a notification with '" + containing + "'; on screen: " + notifications(),
                d -> notifications().stream().filter(t -> t.contains(containing)).findFirst().orElse(null));
    }

    /** The texts of a Vaadin grid's header cells. */
    List<String> gridHeaders(WebElement grid) {
        @SuppressWarnings("unchecked")
        List<String> headers = (List<String>) js("""
                const grid = arguments[0];
                return Array.from(grid.querySelectorAll('vaadin-grid-cell-content'))
                    .filter(c => { const cell = c.assignedSlot && c.assignedSlot.parentElement;
                                   return cell && cell.parentElement && cell.parentElement.parentElement
                                       && cell.parentElement.parentElement.id === 'header'; })
                    .map(c => c.textContent.trim()).filter(t => t.length > 0);""", grid);
        return headers;
    }

    /** The rows of a Vaadin grid that are rendered now, each as the texts of its cells. */
    List<List<String>> gridRows(WebElement grid) {
        @SuppressWarnings("unchecked")
        List<List<String>> rows = (List<List<String>>) js("""
                const grid = arguments[0];
                const rows = Array.from(grid.shadowRoot.querySelectorAll('#items tr'))
                    .filter(tr => !tr.hidden && tr.style.display !== 'none');
                return rows.map(tr => Array.from(tr.querySelectorAll('td')).map(td => {
                        const slot = td.querySelector('slot');
                        const nodes = slot ? slot.assignedElements() : [];
                        return nodes.map(n => n.textContent.trim()).join(' ');
                    })).filter(cells => cells.some(t => t.length > 0));""", grid);
        return rows;
    }

    /** Clicks the grid cell whose text starts with the given text (an item click, as a user does). */
    void clickGridCell(WebElement grid, String startingWith) {
        WebElement cell = until(d -> grid.findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                .filter(c -> text(c).startsWith(startingWith)).findFirst().orElse(null));
        click(cell);
    }

    byte[] screenshot() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    /** Saves a screenshot and the page's HTML (light and shadow DOM) for a failed journey. */
    void saveArtefacts(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve(name + ".png"), screenshot());
        Object html = js("""
                const parts = [document.documentElement.outerHTML];
                document.querySelectorAll('*').forEach(el => {
                    if (el.shadowRoot) parts.push('<!-- shadow root of ' + el.localName + (el.id ? '#' + el.id : '')
                        + ' -->\\n' + el.shadowRoot.innerHTML);
                });
                return parts.join('\\n');""");
        Files.writeString(folder.resolve(name + ".html"), "<!-- " + driver.getCurrentUrl() + " -->\n" + html);
    }

    static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }
}
