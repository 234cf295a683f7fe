package dev.attend.core;

/**
 * The scalar GEMM micro-kernel (no Vector API), on the same packed layouts as {@link VectorGemm}: the tile is
 * covered by 4 × 4 blocks, each held in 16 local accumulators while k runs (plain multiply-add: Math.fma would be
 * a software routine on CPUs without FMA).
 */
final class ScalarGemm {
    private ScalarGemm() {}

    /**
     * {@code C[TILE_ROWS, width] (+)= A[TILE_ROWS, kc] · B[kc, width]}, A a packed row tile ([kc][TILE_ROWS]), B a
     * packed panel block ([kc][width]); width is a multiple of 4.
     */
    static void tile(float[] a, int aOffset, float[] b, int bOffset, int kc, int width,
                     float[] c, int cOffset, int cStride, boolean accumulate) {
        int rows = GemmDriver.TILE_ROWS;
        for (int r = 0; r < rows; r += 4) {
            for (int j = 0; j < width; j += 4) {
                float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
                float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
                float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
                float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
                for (int p = 0; p < kc; p++) {
                    int ap = aOffset + p * rows + r;
                    int bp = bOffset + p * width + j;
                    float a0 = a[ap], a1 = a[ap + 1], a2 = a[ap + 2], a3 = a[ap + 3];
                    float b0 = b[bp], b1 = b[bp + 1], b2 = b[bp + 2], b3 = b[bp + 3];
                    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
                }
                int o = cOffset + r * cStride + j;
                store(c, o, c00, c01, c02, c03, accumulate);
                store(c, o + cStride, c10, c11, c12, c13, accumulate);
                store(c, o + 2 * cStride, c20, c21, c22, c23, accumulate);
                store(c, o + 3 * cStride, c30, c31, c32, c33, accumulate);
            }
        }
    }

    private static void store(float[] c, int o, float v0, float v1, float v2, float v3, boolean accumulate) {
        if (accumulate) {
            c[o] += v0;
            c[o + 1] += v1;
            c[o + 2] += v2;
            c[o + 3] += v3;
        } else {
            c[o] = v0;
            c[o + 1] = v1;
            c[o + 2] = v2;
            c[o + 3] = v3;
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
