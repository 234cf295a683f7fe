package dev.attend.web.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attend.model.AttentionTrace;
import dev.attend.model.tokenize.TokenizedText;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The self-contained HTML file of a line view (tokens, no word merging, [CLS]/[SEP] shown), the same file the
 * page's HTML export writes (app/export.js htmlFile): the page's template, style and line-view script, and the
 * shown layer's weights as little-endian float16 in base64, every head of the layer unless that passes
 * {@link #CAP_BYTES} (then only the shown heads that fit, and a note says so).
 */
public final class StandaloneHtml {
    static final long CAP_BYTES = 4L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the embedded JSON holds (app/standalone.js reads it). */
    record Payload(Provenance provenance, String note, List<String> labels, boolean[] special, int[] segment,
                   int[] tokenIndex, List<Integer> heads, List<Integer> shown, int query, double min, String allowed,
                   String weights) {}

    private StandaloneHtml() {}

    /** @param modelVersion where the model's weights came from ({@code AttentionModel.source()}) */
    public static String of(AttentionTrace trace, ViewRequest view, String modelVersion) {
        TokenizedText text = trace.text();
        int m = trace.queries();
        List<Integer> all = IntStream.range(0, trace.heads()).boxed().toList();
        List<Integer> shown = view.allHeads() ? all : List.of(view.head());
        long headBytes = (long) Math.ceil(m * (double) m * 2 * 4 / 3);
        List<Integer> included = all;
        String note = "";
        if (all.size() * headBytes > CAP_BYTES) {
            int fit = (int) Math.max(1, CAP_BYTES / headBytes);
            included = shown.subList(0, Math.min(fit, shown.size()));
            note = "Size cap: all " + all.size() + " heads of layer " + view.layer() + " would take "
                    + megabytes(all.size() * headBytes) + ", over the " + megabytes(CAP_BYTES) + " cap; this file holds "
                    + "head" + (included.size() > 1 ? "s " : " ")
                    + included.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " only.";
        }
        boolean[] special = new boolean[m];
        for (int i = 0; i < m; i++) special[i] = text.wordIds()[i] < 0;
        int[] segment = text.isPair() ? IntStream.range(0, m).map(text::segment).toArray() : null;
        Provenance provenance = Provenance.of(view, trace.modelName(), modelVersion, shown);
        List<Integer> kept = included;
        Payload payload = new Payload(provenance, note, trace.queryTokens(), special, segment,
                IntStream.range(0, m).toArray(), included, shown.stream().filter(kept::contains).toList(), view.token(),
                0, "1".repeat(m * m), float16Base64(trace, view.layer(), included));
        return StandaloneTemplate.fill(Map.of(
                "generator", escapeHtml("attend " + provenance.attendVersion()),
                "title", escapeHtml("attend · " + trace.modelName() + " · layer " + view.layer()),
                "snapshot", "",
                "layer", Integer.toString(view.layer()),
                "data", json(payload).replace("<", "\\u003c")));
    }

    /** Heads {@code heads} of one layer, [head, query, key] row-major, as little-endian IEEE half floats. */
    private static String float16Base64(AttentionTrace trace, int layer, List<Integer> heads) {
        int n = trace.queries() * trace.keys();
        float[] weights = trace.attention()[layer];
        ByteBuffer halves = ByteBuffer.allocate(2 * n * heads.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int head : heads) {
            for (int k = 0; k < n; k++) halves.putShort(Float.floatToFloat16(weights[head * n + k]));
        }
        return Base64.getEncoder().encodeToString(halves.array());
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static String json(Payload payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escapeHtml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
