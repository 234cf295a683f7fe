package dev.attend.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Writes a little-endian float32 array in NumPy's .npy format, version 1.0 (readable by numpy.load). */
public final class NpyWriter {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private NpyWriter() {}

    /** The header for a C-ordered float32 array of this shape, padded so the data starts on a 64-byte boundary. */
    static byte[] header(int... shape) {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) dims += ",";
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) text.length()).put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Writes the header, then each chunk of values in order; together they must fill {@code shape}. */
    public static void write(OutputStream out, int[] shape, Iterable<float[]> chunks) throws IOException {
        long expected = 1;
        for (int d : shape) expected *= d;
        out.write(header(shape));
        long written = 0;
        for (float[] chunk : chunks) {
            ByteBuffer b = ByteBuffer.allocate(chunk.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(chunk);
            out.write(b.array());
            written += chunk.length;
        }
        if (written != expected) {
            throw new IllegalStateException("npy shape " + Arrays.toString(shape) + " needs " + expected
                    + " values, got " + written);
        }
    }
}
