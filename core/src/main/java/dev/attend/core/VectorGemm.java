package dev.attend.core;

import static dev.attend.core.VectorMath.LANES;
import static dev.attend.core.VectorMath.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * The Vector API GEMM micro-kernel: an 8-row × 2-vector tile of C (16 accumulators, 32 x 16 floats on AVX-512)
 * held in registers while k runs; each step loads one row of the B panel (2 vectors) and broadcasts 8 values of A.
 */
final class VectorGemm {
    private VectorGemm() {}

    static final int PANEL_WIDTH = 2 * LANES;

    /**
     * {@code C[8, PANEL_WIDTH] (+)= A[8, kc] · B[kc, PANEL_WIDTH]} where A is a packed row tile ([kc][8] from
     * {@code aOffset}) and B a packed panel block ([kc][PANEL_WIDTH] from {@code bOffset}); C rows are
     * {@code cStride} apart from {@code cOffset}. With a {@code bias} (else null), every row starts from
     * {@code bias[biasOffset, biasOffset + PANEL_WIDTH)} instead of zeros: the bias costs no pass of its own.
     */
    static void tile(float[] a, int aOffset, float[] b, int bOffset, int kc, float[] bias, int biasOffset,
                     float[] c, int cOffset, int cStride, boolean accumulate) {
        FloatVector start0 = bias == null ? FloatVector.zero(SPECIES) : FloatVector.fromArray(SPECIES, bias, biasOffset);
        FloatVector start1 = bias == null ? FloatVector.zero(SPECIES)
                : FloatVector.fromArray(SPECIES, bias, biasOffset + LANES);
        FloatVector c00 = start0, c01 = start1, c10 = start0, c11 = start1, c20 = start0, c21 = start1;
        FloatVector c30 = start0, c31 = start1, c40 = start0, c41 = start1, c50 = start0, c51 = start1;
        FloatVector c60 = start0, c61 = start1, c70 = start0, c71 = start1;
        for (int p = 0; p < kc; p++) {
            int bp = bOffset + p * PANEL_WIDTH;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            int ap = aOffset + p * GemmDriver.TILE_ROWS;
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[ap + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[ap + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(SPECIES, a[ap + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(SPECIES, a[ap + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        // Stores spelled out: a helper method taking vectors would box them when C2 declines to inline it.
        int o0 = cOffset, o1 = o0 + cStride, o2 = o1 + cStride, o3 = o2 + cStride;
        int o4 = o3 + cStride, o5 = o4 + cStride, o6 = o5 + cStride, o7 = o6 + cStride;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(SPECIES, c, o0));
            c01 = c01.add(FloatVector.fromArray(SPECIES, c, o0 + LANES));
            c10 = c10.add(FloatVector.fromArray(SPECIES, c, o1));
            c11 = c11.add(FloatVector.fromArray(SPECIES, c, o1 + LANES));
            c20 = c20.add(FloatVector.fromArray(SPECIES, c, o2));
            c21 = c21.add(FloatVector.fromArray(SPECIES, c, o2 + LANES));
            c30 = c30.add(FloatVector.fromArray(SPECIES, c, o3));
            c31 = c31.add(FloatVector.fromArray(SPECIES, c, o3 + LANES));
            c40 = c40.add(FloatVector.fromArray(SPECIES, c, o4));
            c41 = c41.add(FloatVector.fromArray(SPECIES, c, o4 + LANES));
            c50 = c50.add(FloatVector.fromArray(SPECIES, c, o5));
            c51 = c51.add(FloatVector.fromArray(SPECIES, c, o5 + LANES));
            c60 = c60.add(FloatVector.fromArray(SPECIES, c, o6));
            c61 = c61.add(FloatVector.fromArray(SPECIES, c, o6 + LANES));
            c70 = c70.add(FloatVector.fromArray(SPECIES, c, o7));
            c71 = c71.add(FloatVector.fromArray(SPECIES, c, o7 + LANES));
        }
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + LANES);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + LANES);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + LANES);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + LANES);
        c40.intoArray(c, o4);
        c41.intoArray(c, o4 + LANES);
        c50.intoArray(c, o5);
        c51.intoArray(c, o5 + LANES);
        c60.intoArray(c, o6);
        c61.intoArray(c, o6 + LANES);
        c70.intoArray(c, o7);
        c71.intoArray(c, o7 + LANES);
    }
}
