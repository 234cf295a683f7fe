package dev.attend.model.safetensors;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes safetensors files for tests, as the reference implementation lays them out: the header padded with
 * spaces to a multiple of 8 bytes, tensors back to back in the order they were added. Floats are stored in
 * F32, or rounded to nearest, ties to even, to F16 or BF16.
 */
public final class SafetensorsWriter {

    private static final JsonMapper JSON = new JsonMapper();

    private record Entry(String name, String dtype, long[] shape, byte[] data) {}

    private final List<Entry> entries = new ArrayList<>();
    private final ObjectNode metadata = JSON.createObjectNode();

    public SafetensorsWriter add(String name, SafetensorsDtype dtype, float[] values, long... shape) {
        return addRaw(name, dtype.name(), shape, encode(dtype, values));
    }

    /** A tensor written as given, for files whose dtype, shape and bytes disagree on purpose. */
    public SafetensorsWriter addRaw(String name, String dtype, long[] shape, byte[] data) {
        entries.add(new Entry(name, dtype, shape.clone(), data.clone()));
        return this;
    }

    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public byte[] toBytes() {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            header.set("__metadata__", metadata);
        }
        long offset = 0;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Entry entry : entries) {
            ObjectNode tensor = header.putObject(entry.name());
            tensor.put("dtype", entry.dtype());
            ArrayNode shape = tensor.putArray("shape");
            Arrays.stream(entry.shape()).forEach(shape::add);
            tensor.putArray("data_offsets").add(offset).add(offset + entry.data().length);
            data.writeBytes(entry.data());
            offset += entry.data().length;
        }
        return file(header.toString(), data.toByteArray());
    }

    public Path write(Path file) {
        try {
            return Files.write(file, toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the given header text (padded with spaces to a multiple of 8 bytes) followed by {@code data}. */
    public static byte[] file(String headerJson, byte[] data) {
        byte[] json = headerJson.getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer file = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(padded).put(json);
        while (file.position() < 8 + padded) {
            file.put((byte) ' ');
        }
        return file.put(data).array();
    }

    /** The value {@code x} has once stored as {@code dtype}. */
    public static float rounded(SafetensorsDtype dtype, float x) {
        return switch (dtype) {
            case F32 -> x;
            case F16 -> Float.float16ToFloat(Float.floatToFloat16(x));
            case BF16 -> Float.intBitsToFloat((toBfloat16(x) & 0xFFFF) << 16);
            default -> throw new IllegalArgumentException("floats are written as F32, F16 or BF16, not " + dtype);
        };
    }

    public static byte[] encode(SafetensorsDtype dtype, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : values) {
            switch (dtype) {
                case F32 -> bytes.putFloat(x);
                case F16 -> bytes.putShort(Float.floatToFloat16(x)); // round to nearest even
                case BF16 -> bytes.putShort(toBfloat16(x));
                default -> throw new IllegalArgumentException("floats are written as F32, F16 or BF16, not " + dtype);
            }
        }
        return bytes.array();
    }

    /** The top 16 bits of the float32, rounded to nearest, ties to even; NaN stays a (quiet) NaN. */
    private static short toBfloat16(float x) {
        int bits = Float.floatToRawIntBits(x);
        if (Float.isNaN(x)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }
}
