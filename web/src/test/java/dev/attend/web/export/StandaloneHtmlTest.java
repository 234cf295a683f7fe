package dev.attend.web.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attend.model.AttendVersion;
import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.Models;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML file Java writes: the page's template filled, provenance, and the layer's weights as float16. */
class StandaloneHtmlTest {
    static final String SEED = "The cat sat on the mat because it was tired";
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"attend-data\">(.*?)</script>", Pattern.DOTALL);
    private static AttentionModel minilm;

    @BeforeAll
    static void load() {
        minilm = Models.load("minilm");
    }

    @AfterAll
    static void close() {
        minilm.close();
    }

    static JsonNode payload(String html) throws Exception {
        Matcher data = DATA.matcher(html);
        assertThat(data.find()).as("embedded JSON").isTrue();
        return new ObjectMapper().readTree(data.group(1));
    }

    @Test
    void holdsProvenanceAndEveryHeadOfTheLayerAsFloat16() throws Exception {
        AttentionTrace trace = minilm.trace(SEED, Capture.attention());
        String html = StandaloneHtml.of(trace, new ViewRequest("minilm", SEED, "", 5, 11, 8), minilm.source());

        assertThat(html).startsWith("<!doctype html>").doesNotContain("{{").contains("<title>attend · all-MiniLM-L6-v2 · layer 5</title>")
                .contains("function drawLines(").contains("function startStandalone()").contains("--paper")
                .doesNotContainPattern("(?m)^import ").doesNotContainPattern("(?m)^export ");
        JsonNode p = payload(html);
        JsonNode provenance = p.get("provenance");
        assertThat(provenance.get("attendVersion").asText()).isEqualTo(AttendVersion.get());
        assertThat(provenance.get("model").asText()).isEqualTo("minilm");
        assertThat(provenance.get("modelName").asText()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(provenance.get("modelVersion").asText()).isEqualTo(minilm.source()).isNotBlank();
        assertThat(provenance.get("text").asText()).isEqualTo(SEED);
        assertThat(provenance.get("layer").asInt()).isEqualTo(5);
        assertThat(provenance.get("head").asInt()).isEqualTo(11);
        assertThat(p.get("query").asInt()).isEqualTo(8);
        assertThat(p.get("note").asText()).isEmpty();
        assertThat(p.get("segment").isNull()).isTrue();
        assertThat(p.get("labels").get(8).asText()).isEqualTo("it");
        assertThat(p.get("heads")).hasSize(12);

        int n = trace.queries();
        ByteBuffer halves = ByteBuffer.wrap(Base64.getDecoder().decode(p.get("weights").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(halves.remaining()).isEqualTo(2 * 12 * n * n);
        for (int h = 0; h < 12; h++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    float expected = trace.weight(5, h, i, j);
                    float stored = Float.float16ToFloat(halves.getShort());
                    assertThat((double) Math.abs(stored - expected)).as("head %d, %d → %d", h, i, j)
                            .isLessThanOrEqualTo(Math.max(Math.abs(expected) * 0x1p-11, 0x1p-25));
                }
            }
        }
    }

    @Test
    void aPairCarriesSegmentsAndAllHeadsOfALongTextAreCappedWithANote() throws Exception {
        AttentionTrace pair = minilm.tracePair("Where is the cat?", "On the mat.", Capture.attention());
        JsonNode p = payload(StandaloneHtml.of(pair, new ViewRequest("minilm", "Where is the cat?", "On the mat.", 0,
                ViewRequest.ALL_HEADS, 1), minilm.source()));
        assertThat(p.get("segment").get(pair.queries() - 1).asInt()).isEqualTo(1);
        assertThat(p.get("provenance").get("head").asText()).isEqualTo("all");
        assertThat(p.get("shown")).hasSize(12);

        StringBuilder text = new StringBuilder("cat");
        for (int i = 1; i < 510; i++) text.append(" cat");
        AttentionTrace longTrace = minilm.trace(text.toString(), Capture.attention());
        JsonNode capped = payload(StandaloneHtml.of(longTrace, new ViewRequest("minilm", text.toString(), "", 1,
                ViewRequest.ALL_HEADS, 5), minilm.source()));
        assertThat(capped.get("note").asText()).contains("Size cap").contains("holds heads 0, 1, 2, 3, 4 only");
        assertThat(capped.get("heads")).hasSize(5);
    }
}
