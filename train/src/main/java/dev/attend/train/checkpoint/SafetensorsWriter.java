package dev.attend.train.checkpoint;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes float32 tensors as a safetensors file: 8-byte little-endian header length, the JSON header (padded with
 * spaces to a multiple of 8 bytes, as the reference implementation does), then the tensors back to back. The same
 * metadata and tensors give the same bytes in every run (metadata keys sorted).
 */
final class SafetensorsWriter {
    private static final JsonMapper JSON = new JsonMapper();

    /** A named row-major float32 tensor. */
    record Tensor(String name, int[] shape, float[] values) {}

    private SafetensorsWriter() {}

    static void write(Path file, Map<String, String> metadata, List<Tensor> tensors) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            new TreeMap<>(metadata).forEach(meta::put); // sorted: Map.of iterates in an order salted per JVM run
        }
        long offset = 0;
        for (Tensor t : tensors) {
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            long bytes = (long) t.values().length * Float.BYTES;
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer start = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            start.putLong(padded).put(json);
            while (start.hasRemaining()) start.put((byte) ' ');
            out.write(start.array());
            for (Tensor t : tensors) {
                ByteBuffer data = ByteBuffer.allocate(t.values().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                data.asFloatBuffer().put(t.values());
                out.write(data.array());
            }
        }
    }
}
