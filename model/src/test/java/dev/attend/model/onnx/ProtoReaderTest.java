package dev.attend.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attend.model.testing.ProtoWriter;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ProtoReaderTest {

    @Test
    void readsEveryWireTypeAndSkipsUnknownFields() {
        byte[] message = ProtoWriter.encode(w -> w
                .varint(1, 300)
                .varint(2, -1)
                .fixed32(3, Float.floatToIntBits(1.5f))
                .fixed64(4, Double.doubleToLongBits(-2.25))
                .string(5, "héllo")
                .message(6, nested -> nested.varint(1, 7))
                .varint(99, 12345));
        ProtoReader reader = reader(message);

        assertThat(reader.next()).isTrue();
        assertThat(reader.field()).isEqualTo(1);
        assertThat(reader.varint()).isEqualTo(300);
        reader.next();
        assertThat(reader.varint()).isEqualTo(-1L);
        reader.next();
        assertThat(Float.intBitsToFloat(reader.fixed32())).isEqualTo(1.5f);
        reader.next();
        assertThat(Double.longBitsToDouble(reader.fixed64())).isEqualTo(-2.25);
        reader.next();
        assertThat(reader.string()).isEqualTo("héllo");
        reader.next();
        ProtoReader nested = reader.message("Nested");
        assertThat(nested.next()).isTrue();
        assertThat(nested.varint()).isEqualTo(7);
        assertThat(nested.next()).isFalse();
        assertThat(reader.next()).isTrue();
        assertThat(reader.field()).isEqualTo(99);
        reader.skip();
        assertThat(reader.next()).isFalse();
    }

    @Test
    void readsPackedAndUnpackedRepeatedVarints() {
        byte[] packed = ProtoWriter.encode(w -> w.bytes(1, new byte[] {1, (byte) 0x96, 0x01, 3}));
        ProtoReader reader = reader(packed);
        reader.next();
        assertThat(reader.varints()).containsExactly(1, 150, 3);

        ProtoReader unpacked = reader(ProtoWriter.encode(w -> w.varint(1, 5).varint(1, 6)));
        unpacked.next();
        assertThat(unpacked.varints()).containsExactly(5);
        unpacked.next();
        assertThat(unpacked.varints()).containsExactly(6);
    }

    @Test
    void aLengthBeyondTheMessageIsAnErrorNotAnAllocation() {
        byte[] claimsTooMuch = {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 1, 2};
        ProtoReader reader = reader(claimsTooMuch);
        reader.next();

        assertThatThrownBy(reader::bytes).isInstanceOf(ProtoFormatException.class)
                .hasMessageContaining("Test: field 1 claims 2147483647 bytes but only 2 remain");
    }

    @Test
    void truncatedValuesBadKeysAndWrongWireTypesAreErrors() {
        assertFails(new byte[] {0x08, (byte) 0x80}, ProtoReader::varint, "truncated");
        assertFails(new byte[] {0x0d, 1, 2}, ProtoReader::fixed32, "truncated");
        assertFails(new byte[] {0x08, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1}, ProtoReader::varint,
                "varint longer than 10 bytes");
        assertFails(new byte[] {0x08, 1}, ProtoReader::string, "field 1 has wire type 0, expected 2");
        assertThatThrownBy(() -> reader(new byte[] {0x0b}).next()).isInstanceOf(ProtoFormatException.class)
                .hasMessageContaining("unsupported wire type 3");
        assertThatThrownBy(() -> reader(new byte[] {0x00}).next()).isInstanceOf(ProtoFormatException.class)
                .hasMessageContaining("invalid field number 0");
    }

    private static void assertFails(byte[] message, Consumer<ProtoReader> read, String expectedProblem) {
        ProtoReader reader = reader(message);
        assertThat(reader.next()).isTrue();
        assertThatThrownBy(() -> read.accept(reader)).isInstanceOf(ProtoFormatException.class)
                .hasMessageContaining(expectedProblem);
    }

    private static ProtoReader reader(byte[] bytes) {
        return new ProtoReader(ByteBuffer.wrap(bytes), "Test");
    }
}
