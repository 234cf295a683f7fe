package dev.attend.model.safetensors;

import dev.attend.model.ModelException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A safetensors file, memory-mapped: an 8-byte little-endian header length N, N bytes of JSON header
 * ({@link SafetensorsHeader}), then the data buffer. The header is read and validated against the file size when
 * the file is opened, so a truncated or inconsistent file fails there with a {@link ModelException}; tensor data
 * is mapped and converted to float32 only when asked for.
 *
 * <pre>{@code
 * try (SafetensorsFile file = SafetensorsFile.open(Path.of("model.safetensors"))) {
 *     float[] w = file.floats("encoder.layer.0.attention.self.query.weight"); // [out, in]
 * }
 * }</pre>
 */
public final class SafetensorsFile implements AutoCloseable {

    /** The largest header the reference implementation accepts; a bigger length means a damaged file. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    private static final int LENGTH_BYTES = 8;

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, SafetensorsHeader header) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.header = header;
    }

    public static SafetensorsFile open(Path path) {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelException("safetensors file not found: " + path);
        } catch (IOException e) {
            throw new ModelException("cannot open " + path + ": " + e.getMessage(), e);
        }
        try {
            long size = channel.size();
            if (size < LENGTH_BYTES) {
                throw damaged(path.toString(), "it has " + size + " bytes, fewer than the 8 of the header length");
            }
            long headerLength = read(channel, 0, LENGTH_BYTES).getLong();
            if (headerLength < 0 || headerLength > size - LENGTH_BYTES) {
                throw damaged(path.toString(), "its header length says " + Long.toUnsignedString(headerLength)
                        + " bytes but only " + (size - LENGTH_BYTES) + " follow: it is truncated or not a safetensors file");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw damaged(path.toString(), "its header length " + headerLength + " exceeds the "
                        + MAX_HEADER_BYTES + " bytes safetensors allows");
            }
            byte[] json = new byte[(int) headerLength];
            read(channel, LENGTH_BYTES, json.length).get(json);
            long dataStart = LENGTH_BYTES + headerLength;
            SafetensorsHeader header = SafetensorsHeader.parse(json, size - dataStart, path.toString());
            return new SafetensorsFile(path, channel, dataStart, header);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof ModelException modelException) throw modelException;
            throw new ModelException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** The header's {@code __metadata__}, e.g. {"format": "pt"}. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** The tensor names, in header order. */
    public Set<String> names() {
        return header.tensors().keySet();
    }

    public Optional<SafetensorsTensor> tensor(String name) {
        return Optional.ofNullable(header.tensors().get(name));
    }

    /** A tensor's elements as float32, row-major; F32 exactly, F16 and BF16 widened exactly. */
    public float[] floats(String name) {
        SafetensorsTensor tensor = tensor(name).orElseThrow(() -> new ModelException(path + " has no tensor " + name));
        if (!tensor.dtype().readsAsFloat()) {
            throw new ModelException(path + ": tensor " + tensor + " is " + tensor.dtype()
                    + "; attend reads weights stored as F32, F16 or BF16 (save the model in one of those)");
        }
        if (tensor.elementCount() > Integer.MAX_VALUE - 8) {
            throw new ModelException(path + ": tensor " + tensor + " has more elements than a Java array can hold");
        }
        float[] values = new float[(int) tensor.elementCount()];
        if (values.length == 0) {
            return values;
        }
        ByteBuffer bytes;
        try {
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + tensor.begin(), tensor.end() - tensor.begin())
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new ModelException("cannot map tensor " + name + " of " + path + ": " + e.getMessage(), e);
        }
        switch (tensor.dtype()) {
            case F32 -> bytes.asFloatBuffer().get(values);
            case F16 -> {
                ShortBuffer halves = bytes.asShortBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = Float.float16ToFloat(halves.get(i));
                }
            }
            case BF16 -> {
                ShortBuffer halves = bytes.asShortBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = Float.intBitsToFloat((halves.get(i) & 0xFFFF) << 16); // bfloat16: the top half of a float32
                }
            }
            default -> throw new IllegalStateException("unreachable: " + tensor.dtype());
        }
        return values;
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    /** An error for a file that does not hold what a safetensors file must; says what to do about it. */
    static ModelException damaged(String source, String problem) {
        return new ModelException(source + " is not a valid safetensors file: " + problem
                + "; download or save it again");
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written; a failed close loses nothing
        }
    }
}
