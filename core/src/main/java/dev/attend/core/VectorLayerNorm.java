package dev.attend.core;

import static dev.attend.core.VectorMath.LANES;
import static dev.attend.core.VectorMath.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The Vector API layer norm of one row; see {@link LayerNorm}. Sums run in float on values shifted by the row's
 * first element (the pivot), so rows like 1e4 + noise keep their precision: x - pivot is exact there, and the
 * mean is carried as pivot + shift without ever being rounded to a float near 1e4.
 */
final class VectorLayerNorm {
    private VectorLayerNorm() {}

    /** {@code out[o, o + dim) = LN(x[o, o + dim))}; out may be x. */
    static void row(float[] x, int o, int dim, float[] gamma, float[] beta, float eps, float[] out) {
        float pivot = x[o];
        float shift = sumShifted(x, o, dim, pivot) / dim;
        float variance = sumSquaresShifted(x, o, dim, pivot, shift) / dim;
        float inverseStd = (float) (1.0 / Math.sqrt((double) variance + eps));
        int i = 0;
        for (int bound = SPECIES.loopBound(dim); i < bound; i += LANES) {
            FloatVector centred = FloatVector.fromArray(SPECIES, x, o + i).sub(pivot).sub(shift);
            centred.mul(inverseStd)
                    .fma(FloatVector.fromArray(SPECIES, gamma, i), FloatVector.fromArray(SPECIES, beta, i))
                    .intoArray(out, o + i);
        }
        if (i < dim) {
            VectorMask<Float> tail = SPECIES.indexInRange(i, dim);
            FloatVector centred = FloatVector.fromArray(SPECIES, x, o + i, tail).sub(pivot).sub(shift);
            centred.mul(inverseStd)
                    .fma(FloatVector.fromArray(SPECIES, gamma, i, tail), FloatVector.fromArray(SPECIES, beta, i, tail))
                    .intoArray(out, o + i, tail);
        }
    }

    /** {@code out[o, o + dim) = x + residual}, element-wise; out may be either input. */
    static void add(float[] x, float[] residual, int o, int dim, float[] out) {
        int i = 0;
        for (int bound = SPECIES.loopBound(dim); i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, o + i).add(FloatVector.fromArray(SPECIES, residual, o + i))
                    .intoArray(out, o + i);
        }
        if (i < dim) {
            VectorMask<Float> tail = SPECIES.indexInRange(i, dim);
            FloatVector.fromArray(SPECIES, x, o + i, tail).add(FloatVector.fromArray(SPECIES, residual, o + i, tail))
                    .intoArray(out, o + i, tail);
        }
    }

    private static float sumShifted(float[] x, int o, int dim, float pivot) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(dim); i < bound; i += LANES) {
            sum = sum.add(FloatVector.fromArray(SPECIES, x, o + i).sub(pivot));
        }
        if (i < dim) {
            VectorMask<Float> tail = SPECIES.indexInRange(i, dim);
            sum = sum.add(FloatVector.fromArray(SPECIES, x, o + i, tail).sub(pivot), tail);
        }
        return VectorMath.sumLanes(sum);
    }

    private static float sumSquaresShifted(float[] x, int o, int dim, float pivot, float shift) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(dim); i < bound; i += LANES) {
            FloatVector d = FloatVector.fromArray(SPECIES, x, o + i).sub(pivot).sub(shift);
            sum = d.fma(d, sum);
        }
        if (i < dim) {
            VectorMask<Float> tail = SPECIES.indexInRange(i, dim);
            FloatVector d = FloatVector.fromArray(SPECIES, x, o + i, tail).sub(pivot).sub(shift);
            sum = sum.add(d.mul(d), tail);
        }
        return VectorMath.sumLanes(sum);
    }
}
