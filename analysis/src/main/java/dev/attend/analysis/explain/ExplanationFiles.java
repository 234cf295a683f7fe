package dev.attend.analysis.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.analysis.explain.AttentionImportance.Method;
import dev.attend.analysis.explain.ExplanationCorrelations.Attribution;
import dev.attend.plot.LineChart;
import dev.attend.plot.Series;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code attend analyze explain} writes into its folder:
 * <ul>
 * <li>{@code results.json}: the run's {@code settings}, {@code sequences}, and
 *     {@code "spearman": {"raw"|"rollout"|"flow": {"blankout"|"gradxinput": [mean ρ per layer, layer 1 first]}}}
 *     (null where no sequence had a ranking), with {@code "skipped"} in the same shape (sequences left out per
 *     layer because one side was constant);</li>
 * <li>{@code spearman.csv}: {@code method,attribution,layer,spearman,sequences,skipped} (layer from 1);</li>
 * <li>{@code spearman-blankout.png|svg}, {@code spearman-gradxinput.png|svg}: ρ per layer, one line per method.</li>
 * </ul>
 */
public final class ExplanationFiles {
    private ExplanationFiles() {}

    public static void write(Path dir, ObjectNode settings, ExplanationCorrelations c) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.set("settings", settings);
        root.put("sequences", c.sequences());
        ObjectNode spearman = root.putObject("spearman"), skipped = root.putObject("skipped");
        StringBuilder csv = new StringBuilder("method,attribution,layer,spearman,sequences,skipped\n");
        for (Method m : Method.values()) {
            ObjectNode ms = spearman.putObject(m.key()), mk = skipped.putObject(m.key());
            for (Attribution a : attributions(c)) {
                double[] rho = c.mean(m, a);
                long[] left = c.skipped(m, a);
                ArrayNode values = ms.putArray(a.key()), lefts = mk.putArray(a.key());
                for (int l = 0; l < rho.length; l++) {
                    if (Double.isNaN(rho[l])) values.addNull();
                    else values.add(rho[l]);
                    lefts.add(left[l]);
                    csv.append(m.key()).append(',').append(a.key()).append(',').append(l + 1).append(',')
                            .append(Double.isNaN(rho[l]) ? "" : String.format(java.util.Locale.ROOT, "%.6f", rho[l])).append(',')
                            .append(c.sequences() - left[l]).append(',').append(left[l]).append('\n');
                }
            }
        }
        json.writeValue(dir.resolve("results.json").toFile(), root);
        Files.writeString(dir.resolve("spearman.csv"), csv, StandardCharsets.UTF_8);
        for (Attribution a : attributions(c)) chart(c, a, settings.path("name").asText("")).write(dir.resolve("spearman-" + a.key()));
    }

    /** The attributions the run measured (gradient × input needs a backward pass). */
    private static List<Attribution> attributions(ExplanationCorrelations c) {
        return java.util.Arrays.stream(Attribution.values()).filter(c::has).toList();
    }

    private static LineChart chart(ExplanationCorrelations c, Attribution a, String model) {
        List<Series> series = new ArrayList<>();
        double[] layers = new double[c.layers()];
        for (int l = 0; l < layers.length; l++) layers[l] = l + 1;
        for (Method m : Method.values()) series.add(new Series(m.key(), layers, c.mean(m, a)));
        String what = a == Attribution.BLANKOUT ? "blank-out" : "gradient × input";
        return new LineChart(model + ": Spearman ρ of attention with " + what, "layer", "mean Spearman ρ", series, false, false);
    }
}
