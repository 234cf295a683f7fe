package dev.attend.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one protobuf message in wire format, field by field, from a byte buffer (typically a slice of a
 * memory-mapped file). Every length is checked against the bytes that remain before anything is allocated,
 * so malformed input ends in a {@link ProtoFormatException}, never an out-of-bounds read or a huge allocation.
 *
 * <pre>{@code
 * while (reader.next()) {
 *     switch (reader.field()) {
 *         case 1 -> name = reader.string();
 *         default -> reader.skip();
 *     }
 * }
 * }</pre>
 */
public final class ProtoReader {

    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int FIXED32 = 5;

    private final ByteBuffer buffer;
    private final String messageName;
    private int field;
    private int wireType;

    /** Reads {@code bytes} from its position to its limit; {@code messageName} appears in error messages. */
    public ProtoReader(ByteBuffer bytes, String messageName) {
        this.buffer = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.messageName = messageName;
    }

    /** Advances to the next field; false at the end of the message. */
    public boolean next() {
        if (!buffer.hasRemaining()) {
            return false;
        }
        long key = rawVarint();
        long fieldNumber = key >>> 3;
        if (fieldNumber == 0 || fieldNumber > Integer.MAX_VALUE) {
            throw error("invalid field number " + fieldNumber);
        }
        field = (int) fieldNumber;
        wireType = (int) (key & 7);
        if (wireType != VARINT && wireType != FIXED64 && wireType != LENGTH_DELIMITED && wireType != FIXED32) {
            throw error("unsupported wire type " + wireType + " for field " + field);
        }
        return true;
    }

    public int field() {
        return field;
    }

    public int wireType() {
        return wireType;
    }

    public long varint() {
        expect(VARINT);
        return rawVarint();
    }

    /** A varint that must fit an int (sizes, counts, enum values). */
    public int int32() {
        long value = varint();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw error("field " + field + " value " + value + " does not fit an int");
        }
        return (int) value;
    }

    public int fixed32() {
        expect(FIXED32);
        require(4);
        return buffer.getInt();
    }

    public long fixed64() {
        expect(FIXED64);
        require(8);
        return buffer.getLong();
    }

    /** The payload of a length-delimited field as a little-endian view (no copy). */
    public ByteBuffer bytes() {
        expect(LENGTH_DELIMITED);
        long length = rawVarint();
        if (length < 0 || length > buffer.remaining()) {
            throw error("field " + field + " claims " + length + " bytes but only " + buffer.remaining() + " remain");
        }
        return take((int) length);
    }

    /**
     * The little-endian bytes of a repeated fixed32 or fixed64 field: the whole packed run, or the one value
     * of an unpacked occurrence (no copy either way).
     */
    public ByteBuffer fixedWidthValues() {
        return switch (wireType) {
            case LENGTH_DELIMITED -> bytes();
            case FIXED32 -> take(4);
            case FIXED64 -> take(8);
            default -> throw error("field " + field + " has wire type " + wireType + ", expected fixed-width values");
        };
    }

    public String string() {
        ByteBuffer payload = bytes();
        byte[] utf8 = new byte[payload.remaining()];
        payload.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** A nested message; {@code name} is its protobuf type, for error messages. */
    public ProtoReader message(String name) {
        return new ProtoReader(bytes(), name);
    }

    /** The values of a repeated varint field, packed (one length-delimited run) or not (one value per call). */
    public long[] varints() {
        if (wireType == VARINT) {
            return new long[] {rawVarint()};
        }
        ProtoReader packed = new ProtoReader(bytes(), messageName);
        long[] values = new long[packed.buffer.remaining()]; // a varint takes at least one byte
        int count = 0;
        while (packed.buffer.hasRemaining()) {
            values[count++] = packed.rawVarint();
        }
        return Arrays.copyOf(values, count);
    }

    public void skip() {
        switch (wireType) {
            case VARINT -> rawVarint();
            case FIXED64 -> take(8);
            case FIXED32 -> take(4);
            default -> bytes();
        }
    }

    private long rawVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            require(1);
            byte b = buffer.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw error("varint longer than 10 bytes");
    }

    private ByteBuffer take(int count) {
        require(count);
        ByteBuffer taken = buffer.slice(buffer.position(), count).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(buffer.position() + count);
        return taken;
    }

    private void expect(int expectedWireType) {
        if (wireType != expectedWireType) {
            throw error("field " + field + " has wire type " + wireType + ", expected " + expectedWireType);
        }
    }

    private void require(int count) {
        if (buffer.remaining() < count) {
            throw error("truncated: needed " + count + " more bytes at offset " + buffer.position()
                    + " of " + buffer.limit());
        }
    }

    private ProtoFormatException error(String problem) {
        return new ProtoFormatException(messageName + ": " + problem);
    }
}
