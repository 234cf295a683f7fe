package dev.attend.train.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.train.RunFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The files an experiment writes into its --out folder: results.json, CSV tables, the summary. */
public final class ExperimentFiles {
    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build(); // records as snake_case fields

    private ExperimentFiles() {}

    /** The --out folder: new or empty, writable (a one-line {@link dev.attend.model.InputException} otherwise). */
    public static Path prepare(Path out) {
        return RunFolder.prepare(out, false, "results.json, CSV tables, plots, summary.md and runs/", false);
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static void json(Path file, JsonNode value) {
        try {
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A CSV table: the header, then one line per row; numbers as Java prints doubles, text as is (no commas). */
    public static void csv(Path file, List<String> header, List<List<Object>> rows) {
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (List<Object> row : rows) {
            text.append(row.stream().map(v -> v instanceof Double d ? format(d) : String.valueOf(v))
                    .collect(Collectors.joining(","))).append('\n');
        }
        text(file, text.toString());
    }

    public static void text(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs a plot's write, turning its IOException into an unchecked one naming the file. */
    public static void plot(Path base, PlotWriter writer) {
        try {
            writer.write(base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + base + ".png/.svg: " + e.getMessage(), e);
        }
    }

    /** A plot's {@code write(Path base)}. */
    @FunctionalInterface
    public interface PlotWriter {
        void write(Path base) throws IOException;
    }

    static String format(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6g", value);
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * value);
    }
}
