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

    /** Scales {@code x[offset, offset + length)} by {@code logitScale} in place (unless 1); returns its maximum. */
    static float scaleAndMax(float[] x, int offset, int length, float logitScale) {
        FloatVector maxima = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < length; i += LANES) {
            VectorMask<Float> part = SPECIES.indexInRange(i, length);
            FloatVector v = FloatVector.fromArray(SPECIES, x, offset + i, part);
            if (logitScale != 1f) {
                v = v.mul(logitScale);
                v.intoArray(x, offset + i, part);
            }
            maxima = maxima.lanewise(VectorOperators.MAX, v, part);
        }
        return maxima.reduceLanes(VectorOperators.MAX);
    }
}
