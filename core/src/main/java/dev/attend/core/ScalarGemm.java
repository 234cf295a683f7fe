package dev.attend.core;

/** The scalar GEMM micro-kernel (no Vector API): same tile and packed layouts as {@link VectorGemm}. */
final class ScalarGemm {
    private ScalarGemm() {}

    /**
     * {@code C[TILE_ROWS, width] (+)= A[TILE_ROWS, kc] · B[kc, width]}, A a packed row tile ([kc][TILE_ROWS]), B a
     * packed panel block ([kc][width]); {@code sums} is scratch of at least TILE_ROWS · width floats.
     */
    static void tile(float[] a, int aOffset, float[] b, int bOffset, int kc, int width,
                     float[] c, int cOffset, int cStride, boolean accumulate, float[] sums) {
        int rows = GemmDriver.TILE_ROWS;
        java.util.Arrays.fill(sums, 0, rows * width, 0f);
        for (int p = 0; p < kc; p++) {
            int bp = bOffset + p * width;
            int ap = aOffset + p * rows;
            for (int r = 0; r < rows; r++) {
                float av = a[ap + r];
                int s = r * width;
                for (int j = 0; j < width; j++) {
                    sums[s + j] += av * b[bp + j];
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            int o = cOffset + r * cStride;
            for (int j = 0; j < width; j++) {
                c[o + j] = accumulate ? c[o + j] + sums[r * width + j] : sums[r * width + j];
            }
        }
    }

    /** The epilogue on one row segment: add the bias (may be null), then GELU if asked. */
    static void addBiasActivate(float[] y, int offset, int length, float[] bias, int biasOffset, boolean gelu) {
        for (int i = 0; i < length; i++) {
            float v = bias == null ? y[offset + i] : y[offset + i] + bias[biasOffset + i];
            y[offset + i] = gelu ? (float) Gelu.reference(v) : v;
        }
    }
}
