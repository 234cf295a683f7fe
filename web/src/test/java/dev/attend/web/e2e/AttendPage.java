package dev.attend.web.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One browser page on the visualizer, with the waits and reads the tests share. */
final class AttendPage implements AutoCloseable {
    static final Path SCREENSHOTS = E2eEnvironment.TARGET.resolve("screenshots");
    static final String SEED = "The cat sat on the mat because it was tired";

    final E2eEnvironment env;
    final BrowserContext context;
    final Page page;

    /** A line drawn in the line view: its attributes as the page wrote them. */
    record Line(int from, int to, double weight, Integer head, String stroke, double strokeWidth) {}

    private AttendPage(E2eEnvironment env) {
        this.env = env;
        context = env.browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000)
                .setAcceptDownloads(true));
        page = context.newPage();
        page.setDefaultTimeout(30_000);
    }

    /** Opens {@code pathAndQuery} (e.g. "/", "/?text=...", "/#model=...") and waits for the first view. */
    static AttendPage open(E2eEnvironment env, String pathAndQuery) {
        AttendPage p = new AttendPage(env);
        p.page.navigate(env.url() + pathAndQuery);
        p.waitForRender(0);
        return p;
    }

    static String fragment(Map<String, String> keys) {
        StringBuilder s = new StringBuilder();
        keys.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")));
        return s.toString();
    }

    int renderCount() {
        Object n = page.evaluate("() => Number(document.getElementById('stage').dataset.render || 0)");
        return ((Number) n).intValue();
    }

    /** Waits until a render newer than {@code after} has finished. */
    void waitForRender(int after) {
        page.waitForFunction("n => { const s = document.getElementById('stage'); "
                + "return Number(s.dataset.render || 0) > n && s.dataset.state === 'ready'; }", after);
    }

    /** Runs {@code action} and waits for the render it causes. */
    void rendering(Runnable action) {
        int before = renderCount();
        action.run();
        waitForRender(before);
    }

    void run(String text, String textB) {
        rendering(() -> {
            page.getByTestId("text-input").fill(text);
            page.getByTestId("text-b-input").fill(textB == null ? "" : textB);
            page.getByTestId("run").click();
        });
    }

    void select(String testId, String value) {
        rendering(() -> page.getByTestId(testId).selectOption(value));
    }

    void view(String view) {
        rendering(() -> page.locator("[data-testid=view] [data-view=" + view + "]").click());
    }

    void check(String testId, boolean on) {
        rendering(() -> page.getByTestId(testId).setChecked(on));
    }

    Locator token(int index) {
        return page.locator("[data-testid=stage] [data-testid=token][data-index=\"" + index + "\"]");
    }

    void clickToken(int index) {
        rendering(() -> token(index).click());
    }

    @SuppressWarnings("unchecked")
    List<Line> lines() {
        List<Map<String, Object>> raw = (List<Map<String, Object>>) page.evaluate("() => Array.from("
                + "document.querySelectorAll('[data-testid=line-view] line[data-weight]'), l => ({"
                + "from: Number(l.dataset.from), to: Number(l.dataset.to), weight: Number(l.dataset.weight),"
                + "head: l.dataset.head === undefined ? null : Number(l.dataset.head), stroke: l.getAttribute('stroke'),"
                + "width: Number(l.getAttribute('stroke-width')) }))");
        return raw.stream().map(m -> new Line(((Number) m.get("from")).intValue(), ((Number) m.get("to")).intValue(),
                ((Number) m.get("weight")).doubleValue(), m.get("head") == null ? null : ((Number) m.get("head")).intValue(),
                (String) m.get("stroke"), ((Number) m.get("width")).doubleValue())).toList();
    }

    /** The label of key unit {@code unit} in the line view. */
    String keyLabel(int unit) {
        return page.locator("[data-testid=key][data-unit=\"" + unit + "\"] text").first().textContent();
    }

    /** Query labels of the current view, in order. */
    List<String> tokenLabels() {
        return page.locator("[data-testid=stage] [data-testid=token]").allTextContents();
    }

    /** The page's own timing of its last render (fetches included), in ms. */
    double renderMs() {
        return Double.parseDouble(page.getByTestId("stage").getAttribute("data-render-ms"));
    }

    String fragmentValue(String key) {
        Object v = page.evaluate("k => new URLSearchParams(location.hash.slice(1)).get(k)", key);
        return (String) v;
    }

    Path download(String testId, Path dir) {
        Download d = page.waitForDownload(() -> page.getByTestId(testId).click());
        Path out = dir.resolve(d.suggestedFilename());
        d.saveAs(out);
        return out;
    }

    Path screenshot(String name) {
        return screenshot(name, true);
    }

    /** Saves a screenshot under target/screenshots: the whole page, or only the window (for very tall views). */
    Path screenshot(String name, boolean fullPage) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path out = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(out).setFullPage(fullPage));
        return out;
    }

    @Override
    public void close() {
        context.close();
    }
}
