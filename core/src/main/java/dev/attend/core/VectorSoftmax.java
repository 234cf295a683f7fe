package dev.attend.core;

import static dev.attend.core.VectorMath.LANES;
import static dev.attend.core.VectorMath.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/** The Vector API softmax of one row; see {@link Softmax} for the contract. */
final class VectorSoftmax {
    private VectorSoftmax() {}

    /** In place over {@code x[offset, offset + length)}, of the logits scaled by {@code logitScale} (1: as they are). */
    static void row(float[] x, int offset, int length, float logitScale) {
        float max = scaleAndMax(x, offset, length, logitScale);
        if (max == Float.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(x, offset, offset + length, 0f);
            return;
        }
        float scale = 1f / VectorMath.exp(x, offset, length, max);
        for (int i = 0; i < length; i += LANES) {
            VectorMask<Float> part = SPECIES.indexInRange(i, length);
            FloatVector.fromArray(SPECIES, x, offset + i, part).mul(scale).intoArray(x, offset + i, part);
        }
    }

    /**
     * Scales {@code x[offset, offset + length)} by {@code logitScale} in place (unless 1); returns its maximum.
     * Four running maxima over consecutive vectors, so the loop does not wait on one chain of comparisons.
     */
    static float scaleAndMax(float[] x, int offset, int length, float logitScale) {
        FloatVector m0 = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY), m1 = m0, m2 = m0, m3 = m0;
        boolean scale = logitScale != 1f;
        int i = 0;
        for (int end = length - 4 * LANES; i <= end; i += 4 * LANES) {
            int o = offset + i;
            FloatVector v0 = FloatVector.fromArray(SPECIES, x, o);
            FloatVector v1 = FloatVector.fromArray(SPECIES, x, o + LANES);
            FloatVector v2 = FloatVector.fromArray(SPECIES, x, o + 2 * LANES);
            FloatVector v3 = FloatVector.fromArray(SPECIES, x, o + 3 * LANES);
            if (scale) {
                v0 = v0.mul(logitScale);
                v1 = v1.mul(logitScale);
                v2 = v2.mul(logitScale);
                v3 = v3.mul(logitScale);
                v0.intoArray(x, o);
                v1.intoArray(x, o + LANES);
                v2.intoArray(x, o + 2 * LANES);
                v3.intoArray(x, o + 3 * LANES);
            }
            m0 = m0.max(v0);
            m1 = m1.max(v1);
            m2 = m2.max(v2);
            m3 = m3.max(v3);
        }
        for (; i < length; i += LANES) {
            VectorMask<Float> part = SPECIES.indexInRange(i, length);
            FloatVector v = FloatVector.fromArray(SPECIES, x, offset + i, part);
            if (scale) {
                v = v.mul(logitScale);
                v.intoArray(x, offset + i, part);
            }
            m0 = m0.lanewise(VectorOperators.MAX, v, part);
        }
        return m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
    }
}
