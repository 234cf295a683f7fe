package dev.attend.web.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.web.export.HeadlessChromium;
import dev.attend.web.export.PageRenderer;
import dev.attend.web.export.StandaloneHtml;
import dev.attend.web.export.ViewRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** `attend render`'s parts: SVG and PNG drawn by the page in headless Chromium, and the Java-written HTML offline. */
class RenderE2ETest {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static E2eEnvironment env;
    private static PageRenderer renderer;

    @BeforeAll
    static void environment() {
        env = E2eEnvironment.get();
        renderer = new PageRenderer(env.server, HeadlessChromium.find(), Duration.ofSeconds(60));
    }

    private static Document svg(byte[] bytes) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    @Test
    void theSvgHoldsTheModelsWeightsForTheQueryAndItsProvenance() throws Exception {
        AttentionTrace trace = env.model("minilm").trace(AttendPage.SEED, Capture.attention());
        Document doc = svg(renderer.render(new ViewRequest("minilm", AttendPage.SEED, "", 5, 11, 8), PageRenderer.Kind.svg));

        NodeList lines = doc.getElementsByTagNameNS(SVG_NS, "line");
        int weighted = 0;
        for (int k = 0; k < lines.getLength(); k++) {
            Element line = (Element) lines.item(k);
            if (!line.hasAttribute("data-weight")) continue;
            weighted++;
            assertThat(line.getAttribute("data-from")).isEqualTo("8");
            int to = Integer.parseInt(line.getAttribute("data-to"));
            assertThat(Double.parseDouble(line.getAttribute("data-weight"))).isCloseTo(trace.weight(5, 11, 8, to), within(1e-6));
        }
        assertThat(weighted).isEqualTo(trace.keys());
        JsonNode provenance = new ObjectMapper().readTree(doc.getElementsByTagNameNS(SVG_NS, "metadata").item(0).getTextContent());
        assertThat(provenance.get("modelName").asText()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(provenance.get("modelVersion").asText()).isEqualTo(env.model("minilm").source());
        assertThat(provenance.get("attendVersion").asText()).isNotBlank();
        assertThat(provenance.get("text").asText()).isEqualTo(AttendPage.SEED);
        assertThat(provenance.get("layer").asInt()).isEqualTo(5);
        assertThat(provenance.get("head").asInt()).isEqualTo(11);
        assertThat(provenance.get("url").asText()).isEmpty();
    }

    @Test
    void thePngIsTwiceTheSvgsSizeAndAllHeadsOfAPairDrawOneLineEach() throws Exception {
        ViewRequest view = new ViewRequest("minilm", "Where is the cat?", "On the mat.", 2, ViewRequest.ALL_HEADS, 4);
        Document doc = svg(renderer.render(view, PageRenderer.Kind.svg));
        int n = env.model("minilm").tracePair(view.text(), view.textB(), Capture.attention()).queries();
        NodeList lines = doc.getElementsByTagNameNS(SVG_NS, "line");
        long byHead = 0;
        for (int k = 0; k < lines.getLength(); k++) if (((Element) lines.item(k)).hasAttribute("data-head")) byHead++;
        assertThat(byHead).isEqualTo(12L * n);

        byte[] png = renderer.render(view, PageRenderer.Kind.png);
        assertThat(Arrays.copyOf(png, 8)).isEqualTo(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        double width = Double.parseDouble(doc.getDocumentElement().getAttribute("width"));
        double height = Double.parseDouble(doc.getDocumentElement().getAttribute("height"));
        assertThat(image.getWidth()).isEqualTo((int) Math.round(2 * width));
        assertThat(image.getHeight()).isEqualTo((int) Math.round(2 * height));
        assertThat(new String(png, StandardCharsets.ISO_8859_1)).contains("tEXtDescription").contains("Where is the cat?");
    }

    @Test
    void thePagesOwnErrorComesBackAsOneMessage() {
        String tooLong = E2eEnvironment.textOfTokens(600);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> renderer.render(
                new ViewRequest("minilm", tooLong, "", 0, 0, 1), PageRenderer.Kind.svg)))
                .hasMessageStartingWith("the page could not draw the view: ");
    }

    @Test
    void theJavaWrittenHtmlDrawsAndRedrawsWithTheNetworkOff(@TempDir Path dir) throws Exception {
        AttentionModel minilm = env.model("minilm");
        AttentionTrace trace = minilm.trace(AttendPage.SEED, Capture.attention());
        Path html = Files.writeString(dir.resolve("view.html"),
                StandaloneHtml.of(trace, new ViewRequest("minilm", AttendPage.SEED, "", 5, 11, 8), minilm.source()));
        AtomicInteger requests = new AtomicInteger();
        try (BrowserContext offline = env.browser.newContext(new Browser.NewContextOptions().setOffline(true))) {
            offline.route(url -> !url.startsWith("file:"), route -> {
                requests.incrementAndGet();
                route.abort();
            });
            Page page = offline.newPage();
            page.navigate(html.toUri().toString());
            page.waitForSelector("[data-testid=line-view]");
            assertThat(page.locator("#provenance").textContent()).contains("all-MiniLM-L6-v2").contains("layer 5, head 11");
            assertThat(page.locator("line[data-weight]").count()).isEqualTo(12);
            assertThat(Double.parseDouble(page.locator("line[data-to=\"2\"]").getAttribute("data-weight")))
                    .isCloseTo(trace.weight(5, 11, 8, 2), within(1e-3));
            page.locator("[data-testid=token][data-index=\"2\"]").click();
            assertThat(page.locator("line[data-weight]").first().getAttribute("data-from")).isEqualTo("2");
            page.getByTestId("head").selectOption("all");
            assertThat(page.locator("line[data-head]").count()).isEqualTo(12 * 12);
        }
        assertThat(requests.get()).as("network requests of the Java-written file").isZero();
    }
}
