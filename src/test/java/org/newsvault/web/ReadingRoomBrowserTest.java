package org.newsvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The reading room in a real browser: Debian's chromium and chromium-driver, headless, offline (the site on
 * loopback, nothing else reachable). Opt-in: {@code mvn test -DexcludedGroups=none -Dgroups=browser}. Screenshots
 * go to {@code target/browser-screenshots/}.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingRoomBrowserTest {
    static final Path SHOTS = Path.of("target", "browser-screenshots");
    WebFixture fx;
    ChromeDriver browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        fx = new WebFixture(dir, "", true);
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1000,1400", "--lang=en-US", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.quit();
        if (fx != null) fx.close();
    }

    private void open(String path, String shot) throws Exception {
        browser.get(fx.url(path));
        Files.write(SHOTS.resolve(shot + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Console errors since the last call (CSP violations included). */
    private List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    @Test
    void theHomePageListsArchivedArticles() throws Exception {
        open("/", "home");
        List<WebElement> items = browser.findElements(By.cssSelector("ul.articles li a[href^='/article/']"));
        assertThat(items).isNotEmpty();
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("修改后的标题");
        // the stylesheet applied (a static file, allowed by style-src 'self')
        assertThat(browser.findElement(By.cssSelector("header .brand")).getCssValue("font-weight")).isEqualTo("700");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void aTraditionalQueryFindsASimplifiedArticle() throws Exception {
        open("/search", "search-form");
        WebElement q = browser.findElement(By.name("q"));
        q.sendKeys("習近平");
        q.submit();
        Files.write(SHOTS.resolve("search-results.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("修改后的标题").contains("习近平说了另一句话");
        assertThat(browser.findElements(By.tagName("mark"))).isNotEmpty();
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void anArticlePageRendersItsChineseBody() throws Exception {
        open("/article/" + fx.edited, "article");
        assertThat(browser.findElement(By.cssSelector("article h1")).getText()).isEqualTo("修改后的标题");
        assertThat(browser.findElement(By.cssSelector(".body")).getText()).contains("第一段不变。").contains("习近平说了另一句话。");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void theChangesPageShowsAnEditAndADeletion() throws Exception {
        open("/changes", "changes");
        String text = browser.findElement(By.tagName("main")).getText();
        assertThat(text).contains("被删除的文章").contains("deleted").contains("修改后的标题").contains("edited");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void aScriptSmuggledIntoAnArchivedBodyDoesNotRun() throws Exception {
        open("/article/" + fx.hostile, "hostile");
        JavascriptExecutor js = browser;
        // the sanitizer: no script element, no handler attribute reached the page
        assertThat(((Number) js.executeScript("return document.querySelectorAll('script,[onerror],[onclick]').length")).intValue()).isZero();
        assertThat(browser.getTitle()).contains("<script>alert('title')</script>"); // the title is text
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        consoleErrors();
        // the CSP: markup that got past the sanitizer still could not run an inline script
        js.executeScript("var s = document.createElement('script'); s.textContent = 'window.ran = 1'; document.body.appendChild(s);"
            + "var i = document.createElement('img'); i.setAttribute('onerror', 'window.ran = 2'); i.src = 'x:'; document.body.appendChild(i);");
        Thread.sleep(300);
        assertThat(js.executeScript("return window.ran === undefined")).isEqualTo(true);
        assertThat(consoleErrors()).anySatisfy(m -> assertThat(m).contains("Content Security Policy"));
    }

    @Test
    void keptPicturesShowFromTheLocalCopiesWithTheOutletUnreachable() throws Exception {
        // cdn.test.example never answers: whatever shows, shows from /images/
        open("/article/" + fx.pictured, "pictured");
        JavascriptExecutor js = browser;
        @SuppressWarnings("unchecked")
        List<Object> loaded = (List<Object>) js.executeScript("return Array.from(document.querySelectorAll('.body img, figure.lead img'))"
            + ".filter(i => i.getAttribute('src').startsWith('/images/')).map(i => i.complete && i.naturalWidth > 0)");
        assertThat(loaded).hasSize(3).containsOnly(true);
        assertThat(((Number) js.executeScript("return document.querySelector('figure.lead img').naturalWidth")).intValue()).isEqualTo(4);
        // the images not kept stay remote, and the CSP does not let the page ask the outlet for them
        assertThat(browser.findElements(By.cssSelector(".body img[src^='https://cdn.test.example/']"))).hasSize(2);
        assertThat(consoleErrors()).allSatisfy(m -> assertThat(m).contains("Content Security Policy").contains("cdn.test.example"));
    }
}
