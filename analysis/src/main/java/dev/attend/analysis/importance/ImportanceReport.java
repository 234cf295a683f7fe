package dev.attend.analysis.importance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.plot.Heatmap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes head importance into a folder: {@code results.json} ({@code "importance"} [layer][head] normalised per
 * layer, {@code "importance_raw"}, the ranking and the settings), {@code importance.csv} (layer, head, importance,
 * raw) and {@code importance.png}/{@code .svg} (a layers × heads heatmap).
 */
public final class ImportanceReport {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ImportanceReport() {}

    /** {@code settings}: the model and the run's options, copied into results.json first. */
    public static void write(Path folder, ObjectNode settings, HeadImportance importance) throws IOException {
        Files.createDirectories(folder);
        ObjectNode root = settings.deepCopy();
        add(root, importance);
        JSON.writeValue(folder.resolve("results.json").toFile(), root);
        writeCsv(folder.resolve("importance.csv"), importance);
        heatmap(importance, settings.path("name").asText("model")).write(folder.resolve("importance"));
    }

    /** The importance fields of results.json (shared with the pruning report). */
    static void add(ObjectNode root, HeadImportance importance) {
        root.put("loss", importance.loss());
        root.put("samples", importance.samples());
        root.put("normalisation", "l2 per layer");
        root.set("importance", matrix(importance.normalised()));
        root.set("importance_raw", matrix(importance.raw()));
        ArrayNode ranking = root.putArray("ranking_most_important_first");
        List<HeadImportance.Head> heads = new ArrayList<>(importance.ascending());
        java.util.Collections.reverse(heads);
        for (HeadImportance.Head h : heads) {
            ranking.addObject().put("layer", h.layer()).put("head", h.head()).put("importance", h.importance());
        }
    }

    private static ArrayNode matrix(double[][] values) {
        ArrayNode rows = JSON.createArrayNode();
        for (double[] row : values) {
            ArrayNode r = rows.addArray();
            for (double v : row) r.add(v);
        }
        return rows;
    }

    private static void writeCsv(Path file, HeadImportance importance) throws IOException {
        StringBuilder csv = new StringBuilder("layer,head,importance,importance_raw\n");
        for (int l = 0; l < importance.layers(); l++) {
            for (int h = 0; h < importance.heads(); h++) {
                csv.append(String.format(Locale.ROOT, "%d,%d,%.6g,%.6g%n", l, h, importance.normalised()[l][h],
                        importance.raw()[l][h]));
            }
        }
        Files.writeString(file, csv);
    }

    static Heatmap heatmap(HeadImportance importance, String name) {
        List<String> heads = new ArrayList<>(), layers = new ArrayList<>();
        for (int h = 0; h < importance.heads(); h++) heads.add(Integer.toString(h));
        for (int l = 0; l < importance.layers(); l++) layers.add(Integer.toString(l));
        return new Heatmap("Head importance of " + name + " (E|∂L/∂ξ|, ℓ2-normalised per layer)", "head", "layer",
                heads, layers, importance.normalised());
    }
}
