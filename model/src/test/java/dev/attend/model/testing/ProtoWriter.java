package dev.attend.model.testing;

import dev.attend.model.onnx.ProtoReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Writes protobuf wire format field by field: the counterpart of {@link ProtoReader}, for test files. */
public final class ProtoWriter {

    private final OutputStream out;

    public ProtoWriter(OutputStream out) {
        this.out = out;
    }

    /** The bytes of a small message whose fields {@code fields} writes. */
    public static byte[] encode(Consumer<ProtoWriter> fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        fields.accept(new ProtoWriter(bytes));
        return bytes.toByteArray();
    }

    public ProtoWriter varint(int field, long value) {
        key(field, ProtoReader.VARINT);
        rawVarint(value);
        return this;
    }

    public ProtoWriter fixed32(int field, int value) {
        key(field, ProtoReader.FIXED32);
        write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value));
        return this;
    }

    public ProtoWriter fixed64(int field, long value) {
        key(field, ProtoReader.FIXED64);
        write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value));
        return this;
    }

    /** A length-delimited field whose payload is the concatenation of {@code parts} (streamed, not copied). */
    public ProtoWriter bytes(int field, ByteBuffer... parts) {
        long length = 0;
        for (ByteBuffer part : parts) {
            length += part.remaining();
        }
        key(field, ProtoReader.LENGTH_DELIMITED);
        rawVarint(length);
        for (ByteBuffer part : parts) {
            write(part);
        }
        return this;
    }

    public ProtoWriter bytes(int field, byte[] payload) {
        return bytes(field, ByteBuffer.wrap(payload));
    }

    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    public ProtoWriter message(int field, Consumer<ProtoWriter> fields) {
        return bytes(field, encode(fields));
    }

    /** Writes the field {@code reader} is positioned on unchanged (and consumes it from the reader). */
    public ProtoWriter copy(ProtoReader reader) {
        return switch (reader.wireType()) {
            case ProtoReader.VARINT -> varint(reader.field(), reader.varint());
            case ProtoReader.FIXED32 -> fixed32(reader.field(), reader.fixed32());
            case ProtoReader.FIXED64 -> fixed64(reader.field(), reader.fixed64());
            default -> bytes(reader.field(), reader.bytes());
        };
    }

    private void key(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        try {
            while ((value & ~0x7fL) != 0) {
                out.write((int) ((value & 0x7f) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(ByteBuffer part) {
        ByteBuffer source = part.duplicate();
        byte[] chunk = new byte[Math.min(source.remaining(), 1 << 16)];
        try {
            while (source.hasRemaining()) {
                int n = Math.min(chunk.length, source.remaining());
                source.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
