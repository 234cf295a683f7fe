package dev.attend.core;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementary functions on float vectors: exp, and the normal CDF behind GELU. Vector API only; the scalar path
 * never loads this class. The polynomial coefficients were fitted for this file (weighted Chebyshev least squares
 * against mpmath, then rounded to float and checked in float arithmetic).
 */
final class VectorMath {
    private VectorMath() {}

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    // exp(x) = 2^n · e^r with n = round(x / ln 2) and |r| <= ln 2 / 2.
    private static final float LOG2E = 1.44269504088896341f;
    private static final float ROUNDER = 0x1.8p23f; // x + 1.5·2^23 rounds x to an integer held in the low bits
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float LN2_HI = 0.693359375f; // 9 significant bits: n · LN2_HI is exact for |n| < 2^15
    private static final float LN2_LO = -2.12194440e-4f; // ln 2 - LN2_HI
    /** Below this exp(x) rounds to 0 even as a subnormal. */
    private static final float EXP_ZERO_BELOW = -104f;
    /** At and above this exp(x) exceeds Float.MAX_VALUE. */
    private static final float EXP_INFINITE_FROM = 88.72284f;
    private static final float EXP_LARGEST_FINITE_ARGUMENT = Math.nextDown(EXP_INFINITE_FROM);
    // e^r = 1 + r + r^2 · q(r) on |r| <= ln 2 / 2; in float the whole evaluation is within 0.75 ulp.
    private static final float Q0 = 0.49999988079071045f;
    private static final float Q1 = 0.166665181517601f;
    private static final float Q2 = 0.04166953265666962f;
    private static final float Q3 = 0.008368915878236294f;
    private static final float Q4 = 0.0013751407386735082f;

    /**
     * e^x in every lane, within 1 ulp: -Infinity and anything below -104 give 0, results between 0 and
     * Float.MIN_NORMAL are the correctly scaled subnormals, large arguments give +Infinity, NaN stays NaN.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_ZERO_BELOW).min(EXP_LARGEST_FINITE_ARGUMENT);
        FloatVector shifted = xc.fma(LOG2E, ROUNDER);
        FloatVector n = shifted.sub(ROUNDER);
        FloatVector r = n.mul(-LN2_HI).add(xc); // exact product
        r = n.fma(FloatVector.broadcast(SPECIES, -LN2_LO), r);
        FloatVector q = mulAdd(mulAdd(mulAdd(r.fma(Q4, Q3), r, Q2), r, Q1), r, Q0);
        FloatVector p = r.mul(r).fma(q, r).add(1f);
        // 2^n as two factors 2^(n/2) · 2^(n - n/2): each stays a normal float for n in [-150, 128].
        IntVector ni = shifted.reinterpretAsInts().sub(ROUNDER_BITS);
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
        FloatVector scaleA = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector scaleB = ni.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector y = p.mul(scaleA).mul(scaleB);
        y = y.blend(0f, x.compare(VectorOperators.LT, EXP_ZERO_BELOW));
        return y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GE, EXP_INFINITE_FROM));
    }

    // erf(z) = z · P(z^2) for |z| < 1/2 (relative error ~1e-7).
    private static final float P0 = 1.128379225730896f;
    private static final float P1 = -0.37612637877464294f;
    private static final float P2 = 0.11283773928880692f;
    private static final float P3 = -0.026863113045692444f;
    private static final float P4 = 0.005200275685638189f;
    private static final float P5 = -0.0007692333310842514f;
    private static final float SMALL_Z = 0.5f;
    // erfc(z) = t · e^(-z^2) · R(t - T_MID) with t = 1 / (1 + z/2), for 1/2 <= z <= 10 (relative error ~3e-7).
    private static final float T_MID = 0.48333332f;
    private static final float R0 = 0.49949324131011963f;
    private static final float R1 = 0.6686539053916931f;
    private static final float R2 = 0.551372766494751f;
    private static final float R3 = 0.1569329798221588f;
    private static final float R4 = -0.16296932101249695f;
    private static final float R5 = -0.11281123012304306f;
    private static final float R6 = 0.09015684574842453f;
    private static final float R7 = 0.05937298387289047f;
    private static final float R8 = -0.06322719901800156f;
    private static final float INV_SQRT2 = 0.70710678118654752f;
    /** Beyond |x| = 10·√2, Phi(-|x|) = erfc(10) / 2 < 2e-45: Phi is 0 or 1 in float. */
    private static final float X_SATURATES = 14.142136f;

    /**
     * The standard normal CDF Phi(x) = (1 + erf(x / √2)) / 2, within 1e-7 absolute, and within ~4e-7 relative in
     * the left tail (where Phi is tiny). Phi(-Infinity) = 0, Phi(+Infinity) = 1, NaN stays NaN.
     */
    static FloatVector normalCdf(FloatVector x) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector z = x.mul(INV_SQRT2);
        FloatVector z2 = z.mul(z);
        FloatVector p = mulAdd(mulAdd(mulAdd(mulAdd(z2.fma(P5, P4), z2, P3), z2, P2), z2, P1), z2, P0);
        FloatVector cdfNearZero = z.mul(p).fma(0.5f, 0.5f);

        // e^(-z^2) from x^2 / 2 = (xx + xxLow) / 2 exactly; rounding z = x / √2 first would cost ~z^2 ulps
        FloatVector ax = x.abs().min(X_SATURATES);
        FloatVector t = one.div(ax.fma(INV_SQRT2 / 2, 1f));
        FloatVector xx = ax.mul(ax);
        FloatVector xxLow = ax.fma(ax, xx.neg());
        FloatVector gauss = exp(xx.mul(-0.5f));
        gauss = xxLow.mul(-0.5f).fma(gauss, gauss);
        FloatVector s = t.sub(T_MID);
        FloatVector r = mulAdd(mulAdd(mulAdd(mulAdd(mulAdd(mulAdd(mulAdd(s.fma(R8, R7), s, R6), s, R5), s, R4), s, R3),
                s, R2), s, R1), s, R0);
        FloatVector lowerTail = t.mul(gauss).mul(r).mul(0.5f); // Phi(-|x|) = erfc(|z|) / 2
        FloatVector cdfAway = lowerTail.blend(one.sub(lowerTail), x.compare(VectorOperators.GT, 0f));
        return cdfAway.blend(cdfNearZero, z.abs().compare(VectorOperators.LT, SMALL_Z))
                .blend(0f, x.compare(VectorOperators.LT, -X_SATURATES));
    }

    /** GELU(x) = x · Phi(x); below x = -X_SATURATES the result is -0 (as in float), so GELU(-Infinity) = -0. */
    static FloatVector gelu(FloatVector x) {
        FloatVector y = x.mul(normalCdf(x));
        return y.blend(-0f, x.compare(VectorOperators.LT, -X_SATURATES));
    }

    /** {@code a · x + c}, fused. */
    private static FloatVector mulAdd(FloatVector a, FloatVector x, float c) {
        return a.fma(x, FloatVector.broadcast(SPECIES, c));
    }

    /** GELU in place over {@code a[offset, offset + length)}. */
    static void gelu(float[] a, int offset, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            gelu(FloatVector.fromArray(SPECIES, a, offset + i)).intoArray(a, offset + i);
        }
        if (i < length) {
            VectorMask<Float> tail = SPECIES.indexInRange(i, length);
            gelu(FloatVector.fromArray(SPECIES, a, offset + i, tail)).intoArray(a, offset + i, tail);
        }
    }

    /**
     * The GEMM epilogue on one row segment: {@code y[offset, offset + length) += bias[biasOffset, ...)} (bias may
     * be null), then GELU if asked.
     */
    static void addBiasActivate(float[] y, int offset, int length, float[] bias, int biasOffset, boolean gelu) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, y, offset + i);
            if (bias != null) {
                v = v.add(FloatVector.fromArray(SPECIES, bias, biasOffset + i));
            }
            (gelu ? gelu(v) : v).intoArray(y, offset + i);
        }
        if (i < length) {
            VectorMask<Float> tail = SPECIES.indexInRange(i, length);
            FloatVector v = FloatVector.fromArray(SPECIES, y, offset + i, tail);
            if (bias != null) {
                v = v.add(FloatVector.fromArray(SPECIES, bias, biasOffset + i, tail));
            }
            (gelu ? gelu(v) : v).intoArray(y, offset + i, tail);
        }
    }
}
