package dev.attend.web.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Keyboard reach, user text shown as text, errors shown, a forgotten trace run again. */
class SafetyE2ETest {
    private static final String XSS = "<img src=x onerror=alert(1)> and <script>alert(2)</script>";
    private static E2eEnvironment env;

    @BeforeAll
    static void environment() {
        env = E2eEnvironment.get();
    }

    @Test
    void keyboardAloneReachesTheTokenListMovesWithArrowsAndSelectsWithEnter() {
        String url = "/#" + AttendPage.fragment(Map.of("model", "minilm", "text", AttendPage.SEED, "layer", "5",
                "head", "11", "token", "8"));
        try (AttendPage p = AttendPage.open(env, url)) {
            p.page.locator("body").focus();
            int presses = 0;
            while (!"token".equals(focusedTestId(p.page)) && presses++ < 40) p.page.keyboard().press("Tab");
            assertThat(focusedTestId(p.page)).as("focus after %d Tabs", presses).isEqualTo("token");
            assertThat(focusedAttribute(p.page, "data-index")).isEqualTo("8"); // the selected token is the tab stop
            p.page.keyboard().press("ArrowUp");
            p.page.keyboard().press("ArrowUp");
            assertThat(focusedAttribute(p.page, "data-index")).isEqualTo("6");
            p.rendering(() -> p.page.keyboard().press("Enter"));
            assertThat(p.lines()).isNotEmpty().allSatisfy(l -> assertThat(l.from()).isEqualTo(6));
            assertThat(focusedAttribute(p.page, "data-index")).as("focus stays on the token").isEqualTo("6");
            assertThat(p.token(6).getAttribute("aria-pressed")).isEqualTo("true");
            assertThat(p.token(6).getAttribute("aria-label")).contains("mat");
            p.screenshot("keyboard-focus");
        }
    }

    private static String focusedTestId(Page page) {
        return (String) page.evaluate("() => document.activeElement && document.activeElement.getAttribute('data-testid')");
    }

    private static String focusedAttribute(Page page, String name) {
        return (String) page.evaluate("n => document.activeElement.getAttribute(n)", name);
    }

    @Test
    void markupInTheTextIsShownLiterallyInEveryViewAndExport(@TempDir Path dir) {
        try (AttendPage p = AttendPage.open(env, "/")) {
            AtomicBoolean dialog = new AtomicBoolean();
            p.page.onDialog(d -> { dialog.set(true); d.dismiss(); });
            p.run(XSS, XSS);
            assertThat(p.tokenLabels()).contains("<", "script", ">", "alert");
            p.check("words", true);
            for (String view : new String[] {"lines", "matrix", "pipeline", "model"}) {
                p.view(view);
                assertThat(p.page.locator("img, script:not([src]), [onerror]").count()).as(view).isZero();
            }
            p.view("lines");
            assertThat(p.page.getByTestId("text-input").inputValue()).isEqualTo(XSS);
            assertThat(p.page.title()).contains("<img src=x");
            p.screenshot("xss-literal");
            Path html = p.download("export-html", dir);
            try (BrowserContext offline = env.browser.newContext()) {
                Page exported = offline.newPage();
                exported.onDialog(d -> { dialog.set(true); d.dismiss(); });
                exported.navigate(html.toUri().toString());
                exported.waitForSelector("[data-testid=line-view]");
                assertThat(exported.locator(".provenance").textContent()).contains("<img src=x onerror=alert(1)>");
                assertThat(exported.locator("img, [onerror]").count()).isZero();
            }
            assertThat(dialog).as("an alert ran").isFalse();
        }
    }

    @Test
    void serverErrorsAreShownInThePage() {
        try (AttendPage p = AttendPage.open(env, "/")) {
            p.page.getByTestId("text-input").fill("word ".repeat(2_001));
            p.page.getByTestId("run").click();
            var error = p.page.getByTestId("error");
            error.waitFor();
            assertThat(error.textContent()).contains("10000");
        }
        try (BrowserContext context = env.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(env.url() + "/#model=%3Cb%3Enope%3C%2Fb%3E&text=hello");
            var error = page.getByTestId("error");
            error.waitFor();
            assertThat(error.textContent()).contains("<b>nope</b>");
            assertThat(page.locator("[data-testid=error] b").count()).isZero();
        }
    }

    @Test
    void aTraceTheServerForgotIsRunAgain() {
        try (AttendPage p = AttendPage.open(env, "/")) {
            AtomicInteger traces = new AtomicInteger();
            AtomicInteger forgotten = new AtomicInteger();
            p.page.onRequest(r -> { if (r.method().equals("POST") && r.url().endsWith("/api/trace")) traces.incrementAndGet(); });
            p.page.route("**/api/trace/*/attention*", route -> {
                if (forgotten.getAndIncrement() == 0) {
                    route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(404)
                            .setContentType("application/json").setBody("{\"error\":\"no trace with that id\"}"));
                } else {
                    route.resume();
                }
            });
            p.run("A fresh sentence about dogs", null);
            assertThat(p.lines()).isNotEmpty();
            assertThat(traces.get()).isEqualTo(2);
            assertThat(p.page.getByTestId("error").isVisible()).isFalse();
        }
    }
}
