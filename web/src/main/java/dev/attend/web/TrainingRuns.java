package dev.attend.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training runs the server shows: every folder directly inside {@code --runs DIR} that holds a
 * {@code probes.json}, and DIR itself when it is a run. A run is named by its folder name and found only by a name
 * from that listing, so no request reaches any other path. Files are read on every request: a run still training
 * shows its new snapshots.
 */
final class TrainingRuns {
    private final Path dir; // null: the server shows no runs

    TrainingRuns(Path dir) {
        this.dir = dir == null ? null : dir.toAbsolutePath().normalize();
    }

    /** GET /api/runs. */
    record Listing(String runsDir, List<Summary> runs, List<Unreadable> unreadable) {}

    record Summary(String name, String task, int layers, int heads, int probes, int snapshots, Integer lastStep,
                   boolean checkpoint, Double accuracy) {}

    record Unreadable(String name, String error) {}

    /** GET /api/runs/{run}: the index as the page uses it, and metrics.json when the run has written it. */
    record Detail(String name, String task, int layers, int heads, List<ProbeIndex.Probe> probes,
                  List<ProbeIndex.Snapshot> snapshots, JsonNode metrics) {}

    Listing list() {
        List<Summary> runs = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        folders().forEach((name, folder) -> {
            try {
                ProbeIndex index = index(folder);
                JsonNode metrics = metrics(folder);
                List<ProbeIndex.Snapshot> s = index.snapshots();
                runs.add(new Summary(name, index.task(), index.layers(), index.heads(), index.probes().size(), s.size(),
                        s.isEmpty() ? null : s.getLast().step(), hasCheckpoint(folder),
                        metrics != null && metrics.path("accuracy").isNumber() ? metrics.get("accuracy").asDouble() : null));
            } catch (IOException | RuntimeException e) {
                unreadable.add(new Unreadable(name, "probes.json cannot be read: " + e.getMessage()));
            }
        });
        return new Listing(dir == null ? null : dir.toString(), runs, unreadable);
    }

    Detail detail(String name) {
        Path folder = folder(name);
        ProbeIndex index = readIndex(name, folder);
        JsonNode metrics;
        try {
            metrics = metrics(folder);
        } catch (IOException | RuntimeException e) {
            metrics = null; // written atomically; unreadable only if damaged by hand: the curve needs only the index
        }
        return new Detail(name, index.task(), index.layers(), index.heads(), index.probes(), index.snapshots(), metrics);
    }

    /** One probe's attention in one layer (one head, or all heads) at every snapshot, as float32. */
    record Series(int[] shape, float[] values) {}

    Series attention(String name, String probeParameter, String layerParameter, String headParameter) {
        Path folder = folder(name);
        ProbeIndex index = readIndex(name, folder);
        int p = IndexParameter.required("probe", probeParameter, index.probes().size());
        int layer = IndexParameter.required("layer", layerParameter, index.layers());
        Integer head = IndexParameter.optional("head", headParameter, index.heads());
        ProbeIndex.Probe probe = index.probes().get(p);
        int n = probe.n(), heads = head == null ? index.heads() : 1, snapshots = index.snapshots().size();
        int values = heads * n * n; // per snapshot
        float[] out = new float[snapshots * values];
        ByteBuffer buffer = ByteBuffer.allocate(2 * values).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel bin = FileChannel.open(folder.resolve("probes.bin"), StandardOpenOption.READ)) {
            for (int s = 0; s < snapshots; s++) {
                long first = probe.valueOffset() + (long) (layer * index.heads() + (head == null ? 0 : head)) * n * n;
                long position = index.snapshots().get(s).offset() + 2 * first;
                buffer.clear();
                while (buffer.hasRemaining()) {
                    if (bin.read(buffer, position + buffer.position()) < 0) throw new IOException("probes.bin ends early");
                }
                buffer.flip();
                for (int k = 0; k < values; k++) out[s * values + k] = Float.float16ToFloat(buffer.getShort());
            }
        } catch (IOException e) {
            throw new ApiException(500, "run '" + name + "': probes.bin cannot be read: " + e.getMessage());
        }
        int[] shape = head == null ? new int[] {snapshots, heads, n, n} : new int[] {snapshots, n, n};
        return new Series(shape, out);
    }

    /** The run folders by name: DIR itself if it is a run, then its subfolders that are, by name. */
    private Map<String, Path> folders() {
        Map<String, Path> found = new LinkedHashMap<>();
        if (dir == null || !Files.isDirectory(dir)) return found;
        if (isRun(dir)) found.put(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(), dir);
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(c -> !c.getFileName().toString().startsWith(".") && isRun(c)).sorted()
                    .forEach(c -> found.putIfAbsent(c.getFileName().toString(), c));
        } catch (IOException e) {
            throw new ApiException(500, "cannot list the runs folder " + dir + ": " + e.getMessage());
        }
        return found;
    }

    private Path folder(String name) {
        Map<String, Path> folders = folders();
        Path folder = folders.get(name);
        if (folder == null) {
            String known = folders.isEmpty() ? (dir == null ? "none (start attend serve with --runs DIR)" : "none")
                    : String.join(", ", folders.keySet());
            throw new ApiException(404, "no run '" + name + "'; this server has " + known,
                    Map.of("runs", List.copyOf(folders.keySet())));
        }
        return folder;
    }

    private static ProbeIndex readIndex(String name, Path folder) {
        try {
            return index(folder);
        } catch (IOException | RuntimeException e) {
            throw new ApiException(500, "run '" + name + "': probes.json cannot be read: " + e.getMessage());
        }
    }

    private static ProbeIndex index(Path folder) throws IOException {
        Path bin = folder.resolve("probes.bin");
        return ProbeIndex.read(folder.resolve("probes.json"), Files.isRegularFile(bin) ? Files.size(bin) : 0);
    }

    private static JsonNode metrics(Path folder) throws IOException {
        Path file = folder.resolve("metrics.json");
        return Files.isRegularFile(file) ? Json.MAPPER.readTree(file.toFile()) : null;
    }

    private static boolean isRun(Path folder) {
        return Files.isDirectory(folder) && Files.isRegularFile(folder.resolve("probes.json"));
    }

    private static boolean hasCheckpoint(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("checkpoint-") && Files.isDirectory(f));
        } catch (IOException e) {
            return false;
        }
    }
}
