package dev.attend.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's {@code probes.json} (written by train's ProbeRecorder, docs/training.md): the probe sentences, the model's
 * layers and heads, and per snapshot its step, the training loss and accuracy then, and where its float16 values
 * start in {@code probes.bin}. Snapshots whose bytes are not all in {@code probes.bin} yet are left out.
 */
record ProbeIndex(String task, int layers, int heads, List<Probe> probes, long snapshotBytes, List<Snapshot> snapshots) {

    /** One probe sentence: its tokens, marked positions (e.g. pronoun, antecedent) and first value in a snapshot. */
    record Probe(List<String> tokens, Map<String, Integer> marks, long valueOffset) {
        int n() {
            return tokens.size();
        }
    }

    /**
     * {@code loss} and {@code accuracy} are null before the first step; {@code tracked} holds the task's held-out
     * measurements at that step (e.g. induction's prefix-matching score), null when the task tracks none.
     */
    record Snapshot(int step, Double loss, Double accuracy, Map<String, Double> tracked, long offset) {}

    /** Reads {@code probes.json}; {@code binBytes} is the current size of {@code probes.bin}. */
    static ProbeIndex read(Path json, long binBytes) throws IOException {
        JsonNode root = Json.MAPPER.readTree(json.toFile());
        if (root == null || !root.isObject()) throw new IOException("not a JSON object");
        if (!"float16".equals(root.path("dtype").asText()) || !"little".equals(root.path("byte_order").asText())) {
            throw new IOException("dtype " + root.path("dtype") + ", byte order " + root.path("byte_order")
                    + " (this server reads float16, little-endian)");
        }
        int layers = positive(root, "layers"), heads = positive(root, "heads");
        List<Probe> probes = new ArrayList<>();
        long values = 0;
        for (JsonNode node : root.path("probes")) {
            List<String> tokens = new ArrayList<>();
            node.path("tokens").forEach(t -> tokens.add(t.asText()));
            Map<String, Integer> marks = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> {
                if (f.getValue().isInt() && !f.getKey().equals("value_offset")) marks.put(f.getKey(), f.getValue().asInt());
            });
            if (tokens.isEmpty() || node.path("value_offset").asLong(-1) != values) {
                throw new IOException("probe " + probes.size() + " has no tokens or a value_offset other than " + values);
            }
            probes.add(new Probe(List.copyOf(tokens), Map.copyOf(marks), values));
            values += (long) layers * heads * tokens.size() * tokens.size();
        }
        if (probes.isEmpty()) throw new IOException("no probes");
        long snapshotBytes = root.path("snapshot_bytes").asLong();
        if (snapshotBytes != 2 * values) {
            throw new IOException("snapshot_bytes " + snapshotBytes + " but the probes need " + 2 * values);
        }
        List<Snapshot> snapshots = new ArrayList<>();
        for (JsonNode node : root.path("snapshots")) {
            long offset = node.path("offset").asLong(-1);
            if (offset < 0 || offset + snapshotBytes > binBytes) break; // not (or no longer) in probes.bin
            Map<String, Double> tracked = null;
            if (node.path("tracked").isObject()) {
                Map<String, Double> measured = new LinkedHashMap<>();
                node.get("tracked").fields().forEachRemaining(f -> measured.put(f.getKey(), number(f.getValue())));
                tracked = java.util.Collections.unmodifiableMap(measured); // values may be null (not measured)
            }
            snapshots.add(new Snapshot(node.path("step").asInt(), number(node.get("loss")), number(node.get("accuracy")),
                    tracked, offset));
        }
        return new ProbeIndex(root.path("task").asText(""), layers, heads, List.copyOf(probes), snapshotBytes,
                List.copyOf(snapshots));
    }

    private static int positive(JsonNode root, String field) throws IOException {
        int value = root.path(field).asInt(0);
        if (value <= 0) throw new IOException(field + " is missing or not positive");
        return value;
    }

    private static Double number(JsonNode node) {
        return node == null || !node.isNumber() ? null : node.asDouble();
    }
}
