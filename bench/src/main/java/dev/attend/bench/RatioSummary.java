package dev.attend.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads JMH result files ({@code -rf json}) of {@link MiniLmForward} and prints, per (n, threads), attend's time
 * beside ONNX Runtime's, their ratio, and what capturing the attention weights adds: the numbers the JMH table
 * leaves to mental arithmetic. Prints Markdown, so the table can go into docs/performance.md as it is.
 */
public final class RatioSummary {
    private RatioSummary() {}

    /** One benchmark's mean time per forward pass and the half-width of its 99.9 % confidence interval. */
    private record Score(double mean, double error) {
        String formatted() {
            return Double.isNaN(error) ? "%.2f".formatted(mean) : "%.2f ± %.2f".formatted(mean, error);
        }
    }

    /** The three benchmarks at one (n, threads); a benchmark left out of the run is null. */
    private static final class Row {
        Score attend;
        Score capturing;
        Score ort;
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: RatioSummary <JMH result file written with -rf json>...");
            System.exit(2);
        }
        Map<Integer, Map<Integer, Row>> rows = new TreeMap<>(); // n → threads → row
        String unit = null;
        // several files, so that runs of single benchmarks (e.g. each in a quiet moment) make one table
        for (String file : args) {
            try (Reader reader = Files.newBufferedReader(Path.of(file))) {
                for (JsonElement element : JsonParser.parseReader(reader).getAsJsonArray()) {
                    String read = add(element.getAsJsonObject(), rows);
                    unit = read == null ? unit : read;
                }
            }
        }
        print(rows, unit);
    }

    /** Puts one JMH result into its row; returns its time unit, or null when the result is not summarised. */
    private static String add(JsonObject result, Map<Integer, Map<Integer, Row>> rows) {
        String benchmark = result.get("benchmark").getAsString();
        if (!benchmark.startsWith(MiniLmForward.class.getName() + ".")) {
            return null;
        }
        if (!"avgt".equals(result.get("mode").getAsString())) {
            // ratios of throughputs would read upside down
            System.err.println("summary skips " + benchmark + ": it needs average time (-bm avgt)");
            return null;
        }
        JsonObject params = result.getAsJsonObject("params");
        JsonObject metric = result.getAsJsonObject("primaryMetric");
        Row row = rows.computeIfAbsent(params.get("n").getAsInt(), n -> new TreeMap<>())
                .computeIfAbsent(params.get("threads").getAsInt(), t -> new Row());
        Score score = new Score(metric.get("score").getAsDouble(), metric.get("scoreError").getAsDouble());
        switch (benchmark.substring(benchmark.lastIndexOf('.') + 1)) {
            case "attend" -> row.attend = score;
            case "attendCapturingAttention" -> row.capturing = score;
            case "onnxRuntime" -> row.ort = score;
            default -> {
                System.err.println("summary skips unknown benchmark " + benchmark);
                return null;
            }
        }
        return metric.get("scoreUnit").getAsString();
    }

    private static void print(Map<Integer, Map<Integer, Row>> rows, String unit) {
        if (rows.isEmpty()) {
            System.out.println("no MiniLmForward results to summarise");
            return;
        }
        String time = unit.replace("/op", "");
        System.out.printf("| n | threads | attend %s | ORT %s | attend / ORT | attend + attention capture %s | capture overhead |%n",
                time, time, time);
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach((n, byThreads) -> byThreads.forEach((threads, row) -> System.out.printf(
                "| %d | %d | %s | %s | %s | %s | %s |%n", n, threads, cell(row.attend), cell(row.ort),
                row.attend == null || row.ort == null ? "–" : "%.2f".formatted(row.attend.mean / row.ort.mean),
                cell(row.capturing),
                row.attend == null || row.capturing == null ? "–"
                        : "%+.1f %%".formatted(100 * (row.capturing.mean / row.attend.mean - 1)))));
    }

    private static String cell(Score score) {
        return score == null ? "–" : score.formatted();
    }
}
