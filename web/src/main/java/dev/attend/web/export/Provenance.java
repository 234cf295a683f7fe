package dev.attend.web.export;

import dev.attend.model.AttendVersion;

import java.time.Instant;
import java.util.List;

/**
 * Where an exported file came from, with the names the page's exports use (app/main.js provenance()): attend's
 * version, the model's key, name and version (where its weights came from), the texts, layer, head, heads drawn,
 * query token, view and export time. {@code head} is a number or "all".
 */
public record Provenance(String tool, String attendVersion, String model, String modelName, String modelVersion,
                         String text, String textB, int layer, Object head, List<Integer> heads, int token,
                         String view, boolean words, String special, String exported) {

    static Provenance of(ViewRequest view, String modelName, String modelVersion, List<Integer> heads) {
        return new Provenance("attend", AttendVersion.get(), view.model(), modelName, modelVersion, view.text(),
                view.textB(), view.layer(), view.headKey(), heads, view.token(), "lines", false, "show",
                Instant.now().toString());
    }
}
