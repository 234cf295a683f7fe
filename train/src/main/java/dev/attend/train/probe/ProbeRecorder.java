package dev.attend.train.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Records the attention of fixed probe sentences while a model trains: {@code probes.bin} holds the snapshots back
 * to back as float16 (little-endian), each snapshot per probe [layers, heads, n, n] (query rows, key columns, n the
 * probe's length); {@code probes.json} is the index: the probes' tokens and marked positions, and per snapshot its
 * step, the training loss and accuracy then, and its byte offset. The index is rewritten atomically after each
 * snapshot and lists only complete ones, so an interrupted run leaves a readable pair.
 */
public final class ProbeRecorder {

    /** One probe sentence; {@code marks} names positions a viewer may highlight, e.g. {"pronoun": 9, "antecedent": 2}. */
    public record Probe(List<String> tokens, int[] ids, Map<String, Integer> marks) {}

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path bin;
    private final Path index;
    private final List<Probe> probes;
    private final Batch batch;
    private final ObjectNode root;
    private final ArrayNode snapshots;
    private final long snapshotBytes;

    /**
     * Starts the pair of files in {@code folder}. With {@code resumedStep} ≥ 0 a run resumed at that step keeps the
     * snapshots an earlier run of the same probes left there up to that step; otherwise any old pair is replaced.
     */
    public ProbeRecorder(Path folder, String task, List<Probe> probes, int layers, int heads, int resumedStep) {
        this.bin = folder.resolve("probes.bin");
        this.index = folder.resolve("probes.json");
        this.probes = List.copyOf(probes);
        this.batch = batch(probes);
        root = JSON.createObjectNode();
        root.put("task", task);
        root.put("dtype", "float16");
        root.put("byte_order", "little");
        root.put("layout", "per snapshot, per probe: [layers, heads, n, n] row-major, row = query, column = key");
        root.put("layers", layers);
        root.put("heads", heads);
        ArrayNode list = root.putArray("probes");
        long values = 0;
        for (Probe p : probes) {
            ObjectNode node = list.addObject();
            ArrayNode tokens = node.putArray("tokens");
            p.tokens().forEach(tokens::add);
            p.marks().forEach(node::put);
            node.put("value_offset", values);
            values += (long) layers * heads * p.tokens().size() * p.tokens().size();
        }
        snapshotBytes = values * Short.BYTES;
        root.put("snapshot_bytes", snapshotBytes);
        snapshots = root.putArray("snapshots");
        try {
            long kept = resumedStep >= 0 ? keepEarlierSnapshots(resumedStep) : 0;
            if (kept == 0) {
                Files.deleteIfExists(bin);
                Files.createFile(bin);
            } else {
                try (FileChannel channel = FileChannel.open(bin, StandardOpenOption.WRITE)) {
                    channel.truncate(kept);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + bin + ": " + e.getMessage(), e);
        }
    }

    /** Copies the old index's snapshots up to {@code step} if it recorded the same probes; returns the bytes they use. */
    private long keepEarlierSnapshots(int step) throws IOException {
        if (!Files.isRegularFile(index) || !Files.isRegularFile(bin)) return 0;
        JsonNode old;
        try {
            old = JSON.readTree(index.toFile());
        } catch (IOException e) {
            return 0; // unreadable: start again
        }
        ObjectNode same = root.deepCopy();
        same.set("snapshots", old.path("snapshots"));
        if (!JSON.readTree(JSON.writeValueAsBytes(same)).equals(old)) return 0; // compared as read back: 7 == 7L
        long end = 0;
        for (JsonNode snapshot : old.path("snapshots")) {
            long offset = snapshot.path("offset").asLong();
            if (snapshot.path("step").asInt() > step || offset + snapshotBytes > Files.size(bin)) break;
            snapshots.add(snapshot);
            end = offset + snapshotBytes;
        }
        return end;
    }

    /**
     * Runs the probes through the model and appends their attention as the snapshot after {@code step} updates, with
     * the mean training loss and accuracy since the previous snapshot (NaN before any step) and the task's tracked
     * held-out measurements ({@code tracked}, may be empty), stored under the snapshot's {@code "tracked"}.
     */
    public void record(Transformer model, int step, double loss, double accuracy, Map<String, Double> tracked) {
        model.forward(batch);
        int layers = model.config().layers(), heads = model.config().heads(), t = batch.tokens();
        ByteBuffer out = ByteBuffer.allocate((int) snapshotBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int b = 0; b < probes.size(); b++) {
            int n = probes.get(b).tokens().size();
            for (int l = 0; l < layers; l++) {
                float[] weights = model.attentionWeights(l, b); // [heads, T, T]
                for (int h = 0; h < heads; h++) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            out.putShort(Float.floatToFloat16(weights[(h * t + i) * t + j]));
                        }
                    }
                }
            }
        }
        try {
            long offset = Files.size(bin);
            try (OutputStream stream = Files.newOutputStream(bin, StandardOpenOption.APPEND)) {
                stream.write(out.array());
            }
            ObjectNode snapshot = snapshots.addObject();
            snapshot.put("step", step);
            putNumber(snapshot, "loss", loss);
            putNumber(snapshot, "accuracy", accuracy);
            if (!tracked.isEmpty()) {
                ObjectNode values = snapshot.putObject("tracked");
                tracked.forEach((name, value) -> putNumber(values, name, value));
            }
            snapshot.put("offset", offset);
            Path temporary = index.resolveSibling(index.getFileName() + ".tmp");
            JSON.writeValue(temporary.toFile(), root);
            Files.move(temporary, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write probe snapshot to " + bin + ": " + e.getMessage(), e);
        }
    }

    /** JSON has no NaN: a value not measured yet (the snapshot before the first step) is null. */
    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) node.putNull(field);
        else node.put(field, value);
    }

    private static Batch batch(List<Probe> probes) {
        int size = probes.size();
        int tokens = probes.stream().mapToInt(p -> p.ids().length).max().orElse(1);
        int[] ids = new int[size * tokens], lengths = new int[size];
        for (int b = 0; b < size; b++) {
            System.arraycopy(probes.get(b).ids(), 0, ids, b * tokens, probes.get(b).ids().length);
            lengths[b] = probes.get(b).ids().length;
        }
        return new Batch(ids, size, tokens, lengths, new int[size], new int[size]);
    }
}
