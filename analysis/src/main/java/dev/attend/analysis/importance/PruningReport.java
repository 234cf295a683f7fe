package dev.attend.analysis.importance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.plot.LineChart;
import dev.attend.plot.Series;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a pruning curve into a folder: {@code results.json} ({@code "metric_name"}, {@code "curve"} with one entry
 * per order and fraction: order, fraction_pruned, heads_pruned, metric, drift, and for random the spread over its
 * orders; {@code "random_orders"} each random order's metrics; the importance it was pruned by), {@code prune.csv},
 * {@code prune.png}/{@code .svg} (metric) and {@code prune-drift.png}/{@code .svg}.
 */
public final class PruningReport {
    private PruningReport() {}

    public static void write(Path folder, ObjectNode settings, String metricName, PruningCurve.Result result,
                             HeadImportance importance) throws IOException {
        Files.createDirectories(folder);
        ObjectNode root = settings.deepCopy();
        root.put("metric_name", metricName);
        ArrayNode curve = root.putArray("curve");
        StringBuilder csv = new StringBuilder("order,fraction_pruned,heads_pruned,metric,drift,metric_std,drift_std,metric_min,metric_max\n");
        for (PruningCurve.Point p : result.points()) {
            ObjectNode n = curve.addObject().put("order", p.order()).put("fraction_pruned", p.fraction())
                    .put("heads_pruned", p.pruned()).put("metric", p.metric()).put("drift", p.drift());
            if (p.order().equals("random")) {
                n.put("metric_std", p.metricStd()).put("drift_std", p.driftStd()).put("metric_min", p.metricMin())
                        .put("metric_max", p.metricMax());
            }
            csv.append(String.format(Locale.ROOT, "%s,%.2f,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g%n", p.order(), p.fraction(),
                    p.pruned(), p.metric(), p.drift(), p.metricStd(), p.driftStd(), p.metricMin(), p.metricMax()));
        }
        ArrayNode random = root.putArray("random_orders");
        for (double[] run : result.randomMetrics()) {
            ArrayNode r = random.addArray();
            for (double v : run) r.add(v);
        }
        ObjectNode importanceNode = root.putObject("importance_used");
        ImportanceReport.add(importanceNode, importance);
        ImportanceReport.JSON.writeValue(folder.resolve("results.json").toFile(), root);
        Files.writeString(folder.resolve("prune.csv"), csv);
        String name = settings.path("name").asText("model");
        chart(result, "Pruning the heads of " + name, metricName, false).write(folder.resolve("prune"));
        chart(result, "Pruning the heads of " + name + ": last hidden state drift", "mean ‖H − H₀‖ / ‖H₀‖", true)
                .write(folder.resolve("prune-drift"));
    }

    private static LineChart chart(PruningCurve.Result result, String title, String yAxis, boolean drift) {
        List<Series> series = new ArrayList<>();
        for (String order : List.of("importance", "random", "reverse")) {
            List<PruningCurve.Point> points = result.points().stream().filter(p -> p.order().equals(order)).toList();
            if (points.isEmpty()) continue;
            double[] x = points.stream().mapToDouble(PruningCurve.Point::fraction).toArray();
            double[] y = points.stream().mapToDouble(p -> drift ? p.drift() : p.metric()).toArray();
            String label = switch (order) {
                case "importance" -> "least important first";
                case "reverse" -> "most important first";
                default -> "random (mean of " + result.randomMetrics().length + ")";
            };
            series.add(new Series(label, x, y));
            if (order.equals("random") && !drift) {
                series.add(new Series("random min", x, points.stream().mapToDouble(PruningCurve.Point::metricMin).toArray()));
                series.add(new Series("random max", x, points.stream().mapToDouble(PruningCurve.Point::metricMax).toArray()));
            }
        }
        return new LineChart(title, "fraction of heads pruned", yAxis, series);
    }
}
