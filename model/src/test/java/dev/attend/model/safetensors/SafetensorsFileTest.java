package dev.attend.model.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attend.model.ModelException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafetensorsFileTest {

    @TempDir
    Path dir;

    private static final float[] EXACT_IN_EVERY_DTYPE = {0f, 1f, -2.5f, 0.375f, 1024f, -0.0078125f};

    @Test
    void readsF32F16AndBf16TensorsWithTheirShapesAndMetadata() {
        Path file = new SafetensorsWriter()
                .add("a.weight", SafetensorsDtype.F32, EXACT_IN_EVERY_DTYPE, 2, 3)
                .add("b.weight", SafetensorsDtype.F16, EXACT_IN_EVERY_DTYPE, 3, 2)
                .add("c.weight", SafetensorsDtype.BF16, EXACT_IN_EVERY_DTYPE, 6)
                .metadata("format", "pt")
                .write(dir.resolve("m.safetensors"));

        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThat(st.names()).containsExactly("a.weight", "b.weight", "c.weight");
            assertThat(st.metadata()).containsEntry("format", "pt");
            assertThat(st.tensor("b.weight").orElseThrow().shape()).containsExactly(3, 2);
            assertThat(st.tensor("c.weight").orElseThrow().dtype()).isEqualTo(SafetensorsDtype.BF16);
            for (String name : st.names()) {
                assertThat(st.floats(name)).as(name).containsExactly(EXACT_IN_EVERY_DTYPE);
            }
            assertThat(st.tensor("missing")).isEmpty();
        }
    }

    @Test
    void f16AndBf16AreWrittenRoundedToNearestEvenAndReadBackExactly() {
        float bf16Tie = 1f + 0x1p-8f;            // halfway between 1 and 1 + 2^-7: ties to even, 1
        float bf16TieUp = 1f + 3 * 0x1p-8f;      // halfway between 1 + 2^-7 and 1 + 2^-6: ties to even, 1 + 2^-6
        float f16Tie = 1f + 0x1p-11f;            // halfway between 1 and 1 + 2^-10
        float f16TieUp = 1f + 3 * 0x1p-11f;
        Path file = new SafetensorsWriter()
                .add("bf16", SafetensorsDtype.BF16, new float[] {bf16Tie, bf16TieUp, 1f + 0x1p-8f + 0x1p-20f, 1e-40f}, 4)
                .add("f16", SafetensorsDtype.F16, new float[] {f16Tie, f16TieUp, 70000f, 1e-6f}, 4)
                .write(dir.resolve("r.safetensors"));

        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThat(st.floats("bf16")).containsExactly(1f, 1f + 0x1p-6f, 1f + 0x1p-7f, Float.intBitsToFloat(0x00010000));
            assertThat(st.floats("f16")).containsExactly(1f, 1f + 0x1p-9f, Float.POSITIVE_INFINITY,
                    Float.float16ToFloat(Float.floatToFloat16(1e-6f))); // a subnormal half
        }
    }

    @Test
    void otherDtypesAreValidatedAndSkippedButNotReadAsFloats() {
        Path file = new SafetensorsWriter()
                .addRaw("embeddings.position_ids", "I64", new long[] {1, 4}, longs(0, 1, 2, 3))
                .add("w", SafetensorsDtype.F32, EXACT_IN_EVERY_DTYPE, 6)
                .write(dir.resolve("i.safetensors"));

        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThat(st.floats("w")).containsExactly(EXACT_IN_EVERY_DTYPE);
            assertThatThrownBy(() -> st.floats("embeddings.position_ids"))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("embeddings.position_ids I64 [1, 4]")
                    .hasMessageContaining("F32, F16 or BF16");
        }
    }

    @Test
    void scalarsAndEmptyTensorsHaveOneAndZeroElements() {
        Path file = new SafetensorsWriter()
                .add("scalar", SafetensorsDtype.F32, new float[] {7f})
                .add("empty", SafetensorsDtype.F16, new float[0], 0, 5)
                .write(dir.resolve("s.safetensors"));

        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThat(st.floats("scalar")).containsExactly(7f);
            assertThat(st.floats("empty")).isEmpty();
        }
    }

    @Test
    void aTruncatedFileFailsWhenOpened() throws IOException {
        byte[] whole = new SafetensorsWriter().add("w", SafetensorsDtype.F32, new float[100], 10, 10).toBytes();
        Path file = Files.write(dir.resolve("t.safetensors"), Arrays.copyOf(whole, whole.length - 10));

        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("tensor w ends at byte 400")
                .hasMessageContaining("holds only 390 bytes")
                .hasMessageContaining("truncated")
                .hasMessageContaining("download or save it again");
    }

    @ParameterizedTest
    @CsvSource({
            "1000, 'header length says 1000 bytes but only 16 follow'",
            "-1, 'header length says 18446744073709551615 bytes'"})
    void aHeaderLengthBeyondTheFileFails(long headerLength, String message) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).put("{}      ".getBytes());
        Path file = Files.write(dir.resolve("h.safetensors"), bytes.array());

        assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(ModelException.class).hasMessageContaining(message);
    }

    @Test
    void aHeaderLongerThanSafetensorsAllowsFailsBeforeBeingRead() throws IOException {
        Path file = dir.resolve("big.safetensors");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(8 + SafetensorsFile.MAX_HEADER_BYTES + 16);
            sparse.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(SafetensorsFile.MAX_HEADER_BYTES + 8).array());
        }

        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .isInstanceOf(ModelException.class).hasMessageContaining("exceeds the 100000000 bytes");
    }

    @Test
    void aFileShorterThanTheLengthFieldFails() throws IOException {
        Path file = Files.write(dir.resolve("short.safetensors"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .isInstanceOf(ModelException.class).hasMessageContaining("has 3 bytes, fewer than the 8");
    }

    @Test
    void aMissingFileFails() {
        assertThatThrownBy(() -> SafetensorsFile.open(dir.resolve("none.safetensors")))
                .isInstanceOf(ModelException.class).hasMessageContaining("not found");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"w\": {\"dtype\": \"F32\", \"shape\": [2]   | its header is not valid JSON",
            "[1, 2]                                       | its header is not a JSON object",
            "{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}, \"w\": {}} | not valid JSON (Duplicate field 'w')",
            "{\"w\": {\"shape\": [2], \"data_offsets\": [0, 8]}}                    | tensor w has no dtype",
            "{\"w\": {\"dtype\": \"F7\", \"shape\": [2], \"data_offsets\": [0, 8]}}   | tensor w has dtype F7, which is none of",
            "{\"w\": {\"dtype\": \"F32\", \"shape\": [-2], \"data_offsets\": [0, 8]}} | tensor w has no valid shape",
            "{\"w\": {\"dtype\": \"F32\", \"shape\": [2.5], \"data_offsets\": [0, 8]}} | tensor w has no valid shape",
            "{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [8, 0]}}  | tensor w has no valid data_offsets",
            "{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0]}}     | tensor w has no valid data_offsets",
            "{\"w\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 8]}}  | tensor w F32 [3] needs 12 bytes but its data_offsets [0, 8] span 8",
            "{\"w\": {\"dtype\": \"F32\", \"shape\": [4611686018427387904, 4], \"data_offsets\": [0, 8]}} | more bytes than a file can hold",
            "{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}, \"b\": {\"dtype\": \"F16\", \"shape\": [4], \"data_offsets\": [4, 12]}} | tensors a [0, 8) and b [4, 12) overlap",
            "{\"__metadata__\": [\"pt\"]} | its __metadata__ is not a JSON object"})
    void anInconsistentHeaderFailsWithAMessageThatNamesTheProblem(String header, String message) throws IOException {
        Path file = Files.write(dir.resolve("bad.safetensors"), SafetensorsWriter.file(header, new byte[16]));

        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("is not a valid safetensors file")
                .hasMessageContaining(message);
    }

    private static byte[] longs(long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        Arrays.stream(values).forEach(bytes::putLong);
        return bytes.array();
    }
}
