package dev.attend.web;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.attend.model.AttentionTrace;
import dev.attend.model.WordAttention;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Streams a trace's attention as JSON: {"model", "name", "tokens", "layers", "heads", "attention"[l][h][i][j]},
 * plus "words" (whether pieces were merged), and per token "offsets" and "word_ids" when not merged.
 */
public final class AttentionJsonWriter {
    private AttentionJsonWriter() {}

    /** @param words merge word pieces into words first; may be null */
    public static void write(OutputStream out, String modelKey, AttentionTrace trace, WordAttention words) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("model", modelKey);
            g.writeStringField("name", trace.modelName());
            List<String> labels = words == null ? trace.queryTokens() : words.words();
            g.writeArrayFieldStart("tokens");
            for (String t : labels) g.writeString(t);
            g.writeEndArray();
            g.writeBooleanField("words", words != null);
            if (words == null && trace.text() != null) {
                g.writeArrayFieldStart("offsets");
                for (int i = 0; i < trace.text().size(); i++) {
                    g.writeArray(new int[] {trace.text().charStart()[i], trace.text().charEnd()[i]}, 0, 2);
                }
                g.writeEndArray();
                g.writeFieldName("word_ids");
                g.writeArray(trace.text().wordIds(), 0, trace.text().size());
            }
            g.writeNumberField("layers", trace.layers());
            g.writeNumberField("heads", trace.heads());
            g.writeArrayFieldStart("attention");
            for (int l = 0; l < trace.layers(); l++) {
                g.writeStartArray();
                for (int h = 0; h < trace.heads(); h++) {
                    float[][] m = words == null ? trace.headMatrix(l, h)
                            : words.merge(trace.attention()[l], h * trace.queries() * trace.keys());
                    g.writeStartArray();
                    for (float[] row : m) {
                        g.writeStartArray();
                        for (float w : row) g.writeNumber(w);
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.flush();
    }
}
