package workbench.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium, driven through Debian's /usr/bin/chromedriver: both paths are given to Selenium, so
 * Selenium Manager is never asked to find (or download) a driver or a browser. One browser serves a whole test class.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final String MISSING = "needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
            + "); `apt-get install -y chromium chromium-driver` (.ci/run installs them)";
    private static final int DESKTOP_WIDTH = 1280;
    private static final int DESKTOP_HEIGHT = 900;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FETCHED = "return performance.getEntries().filter(e => e.name && e.entryType !== 'mark')"
            + ".filter(e => e.entryType === 'navigation' || e.entryType === 'resource').map(e => e.name);";
    private static final String TEXT_OUTSIDE_CODE = """
            const out = [];
            const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {
              if (n.parentElement.closest('pre, code, script, style, svg')) continue;
              if (n.textContent.trim()) out.push(n.textContent);
            }
            return out;""";
    private static final String CHARTS = """
            return [...document.querySelectorAll('svg.split-chart')].map(svg => {
              const labels = [...svg.querySelectorAll('text')].filter(t => t.getAttribute('x') === '0').map(t => t.textContent);
              const widths = [...svg.querySelectorAll('rect.bar')].map(r => r.width.baseVal.value);
              const track = svg.querySelector('rect.track');
              const tables = [...document.querySelectorAll('table')]
                  .filter(t => t.compareDocumentPosition(svg) & Node.DOCUMENT_POSITION_FOLLOWING);
              const table = tables.length ? tables[tables.length - 1] : null;
              return {labels, widths, full: track ? track.width.baseVal.value : -1,
                      table: table ? [...table.rows].map(r => [...r.cells].map(c => c.innerText.trim())) : []};
            });""";

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static boolean installed() { return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER); }

    public static Browser start() throws IOException {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("chromium-profile-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().withSilent(true).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + DESKTOP_WIDTH + "," + DESKTOP_HEIGHT);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL); // carries the DevTools Network events: every request the page made
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.get("about:blank"); // leave the browser's start page before any page under test
        return new Browser(driver, profile);
    }

    /** Loads a file at desktop width, with the logs of earlier pages drained first. */
    public Page open(Path file) {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.manage().logs().get(LogType.BROWSER);
        driver.manage().logs().get(LogType.PERFORMANCE);
        driver.get(file.toAbsolutePath().normalize().toUri().toString());
        return new Page();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temp profile left behind is harmless
        }
    }

    /** One bar of a chart: the version it stands for and its width in px. */
    public record Bar(String label, double width) {}

    /** A split chart as drawn: its bars, the width of its 100% track, and the rows of the table just above it. */
    public record Chart(List<Bar> bars, double fullWidth, List<List<String>> table) {}

    /** The page just loaded. */
    public final class Page {
        private final List<String> requested = new ArrayList<>();
        private final List<String> consoleErrors = new ArrayList<>();
        private final List<String> textOutsideCode;
        private final List<Chart> charts;

        @SuppressWarnings("unchecked")
        private Page() {
            for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= Level.SEVERE.intValue()) consoleErrors.add(e.getMessage());
            }
            for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
                try {
                    JsonNode message = JSON.readTree(e.getMessage()).path("message");
                    JsonNode params = message.path("params");
                    // chrome://, chrome-untrusted://, chrome-search:// documents are the browser's own (its new-tab
                    // page, which may still be loading), not the page under test
                    if (message.path("method").asText().equals("Network.requestWillBeSent")
                            && !params.path("documentURL").asText().startsWith("chrome")) {
                        requested.add(params.path("request").path("url").asText());
                    }
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
            // one round trip for what every check reads at desktop width: what the page itself reports having fetched
            // (in case a request escaped the log), its text outside code, and its charts
            Map<String, Object> facts = script("return {fetched: (() => {" + FETCHED + "})(), text: (() => {" + TEXT_OUTSIDE_CODE
                    + "})(), charts: (() => {" + CHARTS + "})()};");
            requested.addAll((List<String>) facts.get("fetched"));
            textOutsideCode = List.copyOf((List<String>) facts.get("text"));
            charts = charts((List<Map<String, Object>>) facts.get("charts"));
        }

        public List<String> consoleErrors() { return consoleErrors; }

        /** Every URL the page requested (the document itself included). */
        public List<String> requestedUrls() { return requested; }

        @SuppressWarnings("unchecked")
        public List<String> strings(String script) {
            return (List<String>) ((JavascriptExecutor) driver).executeScript(script);
        }

        /**
         * Several lists of strings in one round trip: each named script's result (each script ends in a return).
         */
        @SuppressWarnings("unchecked")
        public Map<String, List<String>> strings(Map<String, String> scripts) {
            StringBuilder js = new StringBuilder("return {");
            scripts.forEach((name, body) -> {
                JsonNode key = JSON.valueToTree(name);
                js.append(key).append(": (() => {").append(body).append("})(),");
            });
            return (Map<String, List<String>>) (Map<String, ?>) script(js.append("};").toString());
        }

        /** Visible text outside code, listings, scripts, styles and SVG, node by node (as loaded, at desktop width). */
        public List<String> textOutsideCode() { return textOutsideCode; }

        /** The split charts as loaded, at desktop width. */
        public List<Chart> charts() { return charts; }

        @SuppressWarnings("unchecked")
        private Map<String, Object> script(String js) {
            return (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(js);
        }

        @SuppressWarnings("unchecked")
        private static List<Chart> charts(List<Map<String, Object>> raw) {
            List<Chart> out = new ArrayList<>();
            for (Map<String, Object> c : raw) {
                List<String> labels = (List<String>) c.get("labels");
                List<Number> widths = (List<Number>) c.get("widths");
                if (labels.size() != widths.size()) throw new AssertionError("chart with " + labels.size() + " labels and " + widths.size() + " bars");
                List<Bar> bars = new ArrayList<>();
                for (int i = 0; i < labels.size(); i++) bars.add(new Bar(labels.get(i), widths.get(i).doubleValue()));
                out.add(new Chart(bars, ((Number) c.get("full")).doubleValue(), (List<List<String>>) c.get("table")));
            }
            return out;
        }

        /** Lays the page out as a phone of this width (CSS px) would show it. */
        public void narrow(int width) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", true));
        }

        /**
         * What makes the page scroll sideways: empty when the document is no wider than the viewport, else the
         * widest elements sticking out (an element scrolling inside itself, like a listing, does not count).
         */
        public List<String> horizontalOverflow() {
            return strings("""
                    const root = document.documentElement;
                    if (root.scrollWidth <= root.clientWidth) return [];
                    const out = [`document ${root.scrollWidth}px wide in a ${root.clientWidth}px viewport`];
                    for (const el of document.body.querySelectorAll('*')) {
                      const r = el.getBoundingClientRect();
                      if (r.right > root.clientWidth + 1 && !el.parentElement.closest('pre, svg'))
                        out.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`);
                      if (out.length > 10) break;
                    }
                    return out;""");
        }

        /** A PNG of the whole page, not only the viewport (encoded for speed over size; most of the time is Chromium rasterising the page). */
        public void screenshot(Path png) {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "optimizeForSpeed", true, "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1)));
            try {
                Files.createDirectories(png.getParent());
                Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the screenshot " + png, e);
            }
        }
    }
}
