package dev.attend.core;

import static dev.attend.core.VectorMath.LANES;
import static dev.attend.core.VectorMath.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/** The Vector API softmax of one row; see {@link Softmax} for the contract. */
final class VectorSoftmax {
    private VectorSoftmax() {}

    /** In place over {@code x[offset, offset + length)}. */
    static void row(float[] x, int offset, int length) {
        float max = max(x, offset, length);
        if (max == Float.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(x, offset, offset + length, 0f);
            return;
        }
        float sum = exponentiate(x, offset, length, max);
        scale(x, offset, length, 1f / sum);
    }

    private static float max(float[] x, int offset, int length) {
        FloatVector max = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            max = max.max(FloatVector.fromArray(SPECIES, x, offset + i));
        }
        if (i < length) {
            VectorMask<Float> tail = SPECIES.indexInRange(i, length);
            max = max.lanewise(VectorOperators.MAX, FloatVector.fromArray(SPECIES, x, offset + i, tail), tail);
        }
        return max.reduceLanes(VectorOperators.MAX);
    }

    /** x = e^(x - max) in place; returns the sum, kept in two accumulators (the error grows with length / 2L). */
    private static float exponentiate(float[] x, int offset, int length, float max) {
        FloatVector sumEven = FloatVector.zero(SPECIES);
        FloatVector sumOdd = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = length - 2 * LANES; i <= bound; i += 2 * LANES) {
            FloatVector even = VectorMath.exp(FloatVector.fromArray(SPECIES, x, offset + i).sub(max));
            FloatVector odd = VectorMath.exp(FloatVector.fromArray(SPECIES, x, offset + i + LANES).sub(max));
            even.intoArray(x, offset + i);
            odd.intoArray(x, offset + i + LANES);
            sumEven = sumEven.add(even);
            sumOdd = sumOdd.add(odd);
        }
        for (; i < length; i += LANES) {
            VectorMask<Float> part = SPECIES.indexInRange(i, length);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(SPECIES, x, offset + i, part).sub(max));
            e.intoArray(x, offset + i, part);
            sumEven = sumEven.add(e, part);
        }
        return sumEven.add(sumOdd).reduceLanes(VectorOperators.ADD);
    }

    private static void scale(float[] x, int offset, int length, float factor) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, offset + i).mul(factor).intoArray(x, offset + i);
        }
        if (i < length) {
            VectorMask<Float> tail = SPECIES.indexInRange(i, length);
            FloatVector.fromArray(SPECIES, x, offset + i, tail).mul(factor).intoArray(x, offset + i, tail);
        }
    }
}
