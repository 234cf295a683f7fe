package dev.attend.core;

import static dev.attend.core.VectorMath.LANES;
import static dev.attend.core.VectorMath.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * Packs 8 rows of A into the GEMM's row-tile layout ([k][8]: the 8 values of one k step side by side) on the
 * Vector API: a block of 8 rows × LANES columns is loaded as 8 vectors and transposed by three rounds of
 * two-vector shuffles (interleaving single values, then pairs, then fours), about six times faster than copying
 * value by value with a stride of 8. Needs LANES >= 8 ({@link #fits}).
 */
final class VectorPack {
    private VectorPack() {}

    private static final VectorShuffle<Float> ONES_LOW = interleave(1, false), ONES_HIGH = interleave(1, true);
    private static final VectorShuffle<Float> PAIRS_LOW = interleave(2, false), PAIRS_HIGH = interleave(2, true);
    private static final VectorShuffle<Float> FOURS_LOW = interleave(4, false), FOURS_HIGH = interleave(4, true);

    /** Whether the vectors are wide enough for the three rounds (8 rows into one or more k steps per vector). */
    static boolean fits() {
        return LANES >= GemmDriver.TILE_ROWS;
    }

    /**
     * Groups of {@code g} values taken in turn from x and y, from the low (or high) half of each:
     * [x0 .. x(g-1), y0 .. y(g-1), xg .., yg .., ...]. Shuffle indices >= LANES pick from y.
     */
    private static VectorShuffle<Float> interleave(int g, boolean high) {
        int[] index = new int[LANES];
        int half = high ? LANES / 2 : 0;
        for (int i = 0; i < LANES; i++) {
            int source = half + (i / (2 * g)) * g + i % g;
            index[i] = (i % (2 * g)) < g ? source : source + LANES;
        }
        return VectorShuffle.fromArray(SPECIES, index, 0);
    }

    /**
     * {@code packed[base + p·8 + r] = src[from + r·stride + p]} for r < 8 and p < {@code steps}, a multiple of
     * LANES.
     */
    static void rowTile(float[] src, int from, int stride, int steps, float[] packed, int base) {
        for (int p = 0; p < steps; p += LANES) {
            int s = from + p;
            FloatVector r0 = FloatVector.fromArray(SPECIES, src, s);
            FloatVector r1 = FloatVector.fromArray(SPECIES, src, s + stride);
            FloatVector r2 = FloatVector.fromArray(SPECIES, src, s + 2 * stride);
            FloatVector r3 = FloatVector.fromArray(SPECIES, src, s + 3 * stride);
            FloatVector r4 = FloatVector.fromArray(SPECIES, src, s + 4 * stride);
            FloatVector r5 = FloatVector.fromArray(SPECIES, src, s + 5 * stride);
            FloatVector r6 = FloatVector.fromArray(SPECIES, src, s + 6 * stride);
            FloatVector r7 = FloatVector.fromArray(SPECIES, src, s + 7 * stride);
            // rows 0-1, 2-3, 4-5, 6-7 value by value: [r0[0], r1[0], r0[1], r1[1], ...]
            FloatVector a0 = r0.rearrange(ONES_LOW, r1), a1 = r0.rearrange(ONES_HIGH, r1);
            FloatVector a2 = r2.rearrange(ONES_LOW, r3), a3 = r2.rearrange(ONES_HIGH, r3);
            FloatVector a4 = r4.rearrange(ONES_LOW, r5), a5 = r4.rearrange(ONES_HIGH, r5);
            FloatVector a6 = r6.rearrange(ONES_LOW, r7), a7 = r6.rearrange(ONES_HIGH, r7);
            // rows 0-3 and 4-7 pair by pair: [r0[0], r1[0], r2[0], r3[0], r0[1], ...]
            FloatVector b0 = a0.rearrange(PAIRS_LOW, a2), b1 = a0.rearrange(PAIRS_HIGH, a2);
            FloatVector b2 = a1.rearrange(PAIRS_LOW, a3), b3 = a1.rearrange(PAIRS_HIGH, a3);
            FloatVector b4 = a4.rearrange(PAIRS_LOW, a6), b5 = a4.rearrange(PAIRS_HIGH, a6);
            FloatVector b6 = a5.rearrange(PAIRS_LOW, a7), b7 = a5.rearrange(PAIRS_HIGH, a7);
            // all 8 rows four by four: [r0[0] .. r7[0], r0[1] .. r7[1], ...], k steps in order
            int d = base + p * GemmDriver.TILE_ROWS;
            b0.rearrange(FOURS_LOW, b4).intoArray(packed, d);
            b0.rearrange(FOURS_HIGH, b4).intoArray(packed, d + LANES);
            b1.rearrange(FOURS_LOW, b5).intoArray(packed, d + 2 * LANES);
            b1.rearrange(FOURS_HIGH, b5).intoArray(packed, d + 3 * LANES);
            b2.rearrange(FOURS_LOW, b6).intoArray(packed, d + 4 * LANES);
            b2.rearrange(FOURS_HIGH, b6).intoArray(packed, d + 5 * LANES);
            b3.rearrange(FOURS_LOW, b7).intoArray(packed, d + 6 * LANES);
            b3.rearrange(FOURS_HIGH, b7).intoArray(packed, d + 7 * LANES);
        }
    }
}
