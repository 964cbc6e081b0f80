package org.rnnlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven by Selenium through
 * Debian's chromedriver (Selenium Manager never downloads a driver here). The runtime trains a
 * tanh run; the page must show its loss curve growing, draw the gradient-flow heatmap, and
 * pause and resume the run with its buttons. A screenshot is left in target/.
 */
class DashboardIT {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path home;
    @TempDir
    Path browserProfile;

    private PipedRuntime runtime;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            fail("the dashboard test needs Debian's chromium and chromium-driver (apt-get install chromium "
                    + "chromium-driver; .ci/run installs them)");
        }
        runtime = new PipedRuntime(home);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,2000", "--user-data-dir=" + browserProfile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    @Test
    void aRunsLossCurveGrowsLiveItsHeatmapIsDrawnAndThePagePausesIt() throws Exception {
        String address = runtime.dashboard();
        runtime.send("rnn:new tanh task=adding length=30 cell=rnn-tanh hidden=16 steps=10000000 report=5 "
                + "diagnostics=50 seed=1");
        runtime.send("rnn:start tanh");
        browser.get(address + "/");

        long first = waitFor("the loss chart to get points", () -> number("return rnnlab.charts.loss ? "
                + "rnnlab.charts.loss.data[0].length : 0"), n -> n > 0);
        waitFor("the loss chart to gain points while the run trains",
                () -> number("return rnnlab.charts.loss.data[0].length"), n -> n > first);
        waitFor("the heatmap to be painted", () -> number("return rnnlab.heatmap.painted"), n -> n > 0);
        long coloured = number("const c = document.getElementById('heatmap');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 0; i < d.length; i += 4) { if (d[i] !== 255 || d[i + 1] !== 255 || d[i + 2] !== 255) n++; }"
                + "return n;");
        assertTrue(coloured > 10_000, "the heatmap canvas shows colour, not a blank: " + coloured + " pixels");

        press("tanh", "pause");
        waitFor("the run to show as paused", () -> text("#runs tr[data-run='tanh'] td.state"), "paused"::equals);
        runtime.send("rnn:status tanh");
        runtime.await(java.util.regex.Pattern.compile("tanh\\s.*paused"), 0);
        press("tanh", "resume");
        waitFor("the run to show as running again", () -> text("#runs tr[data-run='tanh'] td.state"), "running"::equals);

        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
        assertEquals(java.util.List.of(), severeBrowserMessages(), "the page logged no errors");
    }

    private void press(String run, String action) {
        browser.findElement(By.cssSelector("#runs tr[data-run='" + run + "'] button[data-action='" + action + "']")).click();
    }

    private long number(String script) {
        Object value = ((JavascriptExecutor) browser).executeScript(script);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private String text(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(e -> e.getText()).findFirst().orElse("");
    }

    private <T> T waitFor(String what, Supplier<T> read, java.util.function.Predicate<T> done) {
        try {
            return new WebDriverWait(browser, PATIENCE).until(d -> {
                T value = read.get();
                return done.test(value) ? value : null;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            fail("waited " + PATIENCE.toSeconds() + " s for " + what + "; browser log: " + severeBrowserMessages()
                    + "\nruntime said:\n" + runtime.output());
            return null;
        }
    }

    private java.util.List<String> severeBrowserMessages() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(e -> e.getMessage()).toList();
    }
}
