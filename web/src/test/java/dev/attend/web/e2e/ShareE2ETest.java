package dev.attend.web.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The view state in the URL (query string and fragment) and the SVG, PNG and HTML exports. */
class ShareE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static E2eEnvironment env;

    @BeforeAll
    static void environment() {
        env = E2eEnvironment.get();
    }

    @Test
    void aQueryStringOpensTheViewItDescribesAndTheFragmentTakesOver() {
        String query = "/?model=minilm&text=" + URLEncoder.encode(AttendPage.SEED, StandardCharsets.UTF_8)
                + "&layer=2&head=3&token=4&view=matrix&words=0";
        try (AttendPage p = AttendPage.open(env, query)) {
            assertThat(p.page.getByTestId("text-input").inputValue()).isEqualTo(AttendPage.SEED);
            assertThat(p.page.getByTestId("layer").inputValue()).isEqualTo("2");
            assertThat(p.page.getByTestId("head").inputValue()).isEqualTo("3");
            assertThat(p.page.getByTestId("stage").getAttribute("data-view")).isEqualTo("matrix");
            assertThat(p.page.getByTestId("matrix-selected-row").getAttribute("data-unit")).isEqualTo("4");
            assertThat(p.fragmentValue("text")).isEqualTo(AttendPage.SEED);
            assertThat(p.fragmentValue("view")).isEqualTo("matrix");
            assertThat(p.fragmentValue("words")).isEqualTo("0");
        }
    }

    @Test
    void aFragmentRoundTripRestoresTheSameView() {
        String fragment = AttendPage.fragment(Map.of("model", "bge-small", "text", "Paris is the capital of France",
                "text_b", "It has many museums", "layer", "7", "head", "all", "token", "2", "view", "lines", "words", "1"));
        String url;
        List<AttendPage.Line> lines;
        try (AttendPage p = AttendPage.open(env, "/#" + fragment)) {
            assertThat(p.page.getByTestId("multi-head").isChecked()).isTrue();
            assertThat(p.page.getByTestId("words").isChecked()).isTrue();
            assertThat(p.page.getByTestId("model").inputValue()).isEqualTo("bge-small");
            assertThat(p.page.getByTestId("text-b-input").inputValue()).isEqualTo("It has many museums");
            p.rendering(() -> p.page.locator("[data-testid=head-swatch][data-head=\"0\"]").click());
            p.select("layer", "6");
            lines = p.lines();
            assertThat(lines.stream().map(AttendPage.Line::head).distinct()).hasSize(11);
            url = p.page.url();
        }
        try (AttendPage again = AttendPage.open(env, url.substring(env.url().length()))) {
            assertThat(again.lines()).isEqualTo(lines);
            assertThat(again.page.getByTestId("layer").inputValue()).isEqualTo("6");
            assertThat(again.page.url()).isEqualTo(url);
        }
    }

    @Test
    void svgPngAndHtmlExportsAreValidFilesWithProvenanceAndTheHtmlWorksOffline(@TempDir Path dir) throws Exception {
        String fragment = AttendPage.fragment(Map.of("model", "minilm", "text", AttendPage.SEED, "layer", "5",
                "head", "11", "token", "8", "view", "lines"));
        try (AttendPage p = AttendPage.open(env, "/#" + fragment)) {
            Path svg = p.download("export-svg", dir);
            assertThat(svg.getFileName().toString()).endsWith(".svg");
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder().parse(svg.toFile());
            assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
            var lines = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "line");
            int weighted = 0;
            for (int k = 0; k < lines.getLength(); k++) {
                if (((org.w3c.dom.Element) lines.item(k)).hasAttribute("data-weight")) weighted++;
            }
            assertThat(weighted).as("attention lines in the SVG").isEqualTo(12);
            JsonNode provenance = JSON.readTree(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "metadata")
                    .item(0).getTextContent());
            assertThat(provenance.get("modelName").asText()).isEqualTo("all-MiniLM-L6-v2");
            assertThat(provenance.get("text").asText()).isEqualTo(AttendPage.SEED);
            assertThat(provenance.get("layer").asInt()).isEqualTo(5);
            assertThat(provenance.get("head").asInt()).isEqualTo(11);
            assertThat(Files.readString(svg)).contains("attend").contains("layer 5, head 11");
            double width = Double.parseDouble(doc.getDocumentElement().getAttribute("width"));
            double height = Double.parseDouble(doc.getDocumentElement().getAttribute("height"));

            Path png = p.download("export-png", dir);
            Files.createDirectories(AttendPage.SCREENSHOTS);
            Files.copy(png, AttendPage.SCREENSHOTS.resolve("export.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo((int) Math.round(2 * width));
            assertThat(image.getHeight()).isEqualTo((int) Math.round(2 * height));
            assertThat(new String(Files.readAllBytes(png), StandardCharsets.ISO_8859_1))
                    .contains("tEXtDescription").contains("all-MiniLM-L6-v2");

            Path html = p.download("export-html", dir);
            assertThat(Files.readString(html)).contains("all-MiniLM-L6-v2").contains(AttendPage.SEED);
            checkOffline(html);
        }
    }

    /** Opens an exported HTML file with the network off: it draws the lines and redraws them on a click. */
    private static void checkOffline(Path html) {
        AtomicInteger requests = new AtomicInteger();
        try (BrowserContext offline = env.browser.newContext(new Browser.NewContextOptions().setOffline(true))) {
            offline.route(url -> !url.startsWith("file:"), route -> {
                requests.incrementAndGet();
                route.abort();
            });
            Page page = offline.newPage();
            page.navigate(html.toUri().toString());
            page.waitForSelector("[data-testid=line-view]");
            assertThat(page.locator("[data-testid=line-view] line[data-weight]").count()).isEqualTo(12);
            AttentionTrace trace = env.model("minilm").trace(AttendPage.SEED, Capture.attention());
            var cat = page.locator("line[data-to=\"2\"]");
            assertThat(Double.parseDouble(cat.getAttribute("data-weight"))).isCloseTo(trace.weight(5, 11, 8, 2), within(1e-3));
            page.locator("[data-testid=token][data-index=\"2\"]").click();
            assertThat(page.locator("line[data-weight]").first().getAttribute("data-from")).isEqualTo("2");
            page.getByTestId("head").selectOption("0");
            assertThat(Double.parseDouble(page.locator("line[data-to=\"3\"]").getAttribute("data-weight")))
                    .isCloseTo(trace.weight(5, 0, 2, 3), within(1e-3));
            page.screenshot(new Page.ScreenshotOptions().setPath(AttendPage.SCREENSHOTS.resolve("export-html-offline.png")));
        }
        assertThat(requests.get()).as("network requests of the exported file").isZero();
    }

    @Test
    void htmlExportOf512TokensInMultiHeadModeIsCappedAndSaysSo(@TempDir Path dir) throws Exception {
        String fragment = AttendPage.fragment(Map.of("model", "minilm", "text", E2eEnvironment.textOfTokens(512),
                "layer", "1", "head", "all", "token", "5", "view", "lines"));
        try (AttendPage p = AttendPage.open(env, "/#" + fragment)) {
            Path html = p.download("export-html", dir);
            String text = Files.readString(html);
            assertThat(text).contains("Size cap").contains("holds heads 0, 1, 2, 3, 4 only");
            assertThat(Files.size(html)).isLessThan(5L << 20);
            assertThat(p.page.getByTestId("status").textContent()).contains("Size cap");
        }
    }
}
