package dev.attend.web.export;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One line view to export: the model (a key the server offers), the text and the second text of a pair ("" for
 * none), the layer, the head ({@link #ALL_HEADS}: every head, one colour each) and the query token (0-based).
 */
public record ViewRequest(String model, String text, String textB, int layer, int head, int token) {
    public static final int ALL_HEADS = -1;

    public boolean allHeads() {
        return head == ALL_HEADS;
    }

    /** The head as the page's URL and provenance write it: a number or "all". */
    public Object headKey() {
        return allHeads() ? "all" : head;
    }

    /**
     * The page's URL fragment (without '#') for this view, with the keys of app/state.js, and {@code export=KIND}
     * (svg or png) asking the page to publish the drawn view (app/main.js publishExport).
     */
    public String fragment(String exportKind) {
        StringBuilder f = new StringBuilder();
        key(f, "model", model);
        key(f, "text", text);
        if (!textB.isEmpty()) key(f, "text_b", textB);
        key(f, "layer", Integer.toString(layer));
        key(f, "head", headKey().toString());
        key(f, "token", Integer.toString(token));
        key(f, "view", "lines");
        key(f, "words", "0");
        key(f, "export", exportKind);
        return f.toString();
    }

    private static void key(StringBuilder f, String key, String value) {
        if (!f.isEmpty()) f.append('&');
        f.append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
