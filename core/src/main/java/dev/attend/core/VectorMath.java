package dev.attend.core;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementary functions over float arrays on the Vector API: exp (for softmax) and GELU through the normal CDF.
 * The scalar path never loads this class.
 *
 * <p>Each function is one loop whose body holds every vector operation: a helper method taking or returning
 * vectors is only fast when C2 inlines it, and it declines often enough ("already compiled into a big method",
 * node-count cutoffs) to make such code 30x slower. That is why the few lines of exp appear in both loops
 * ({@link #sumLanes} takes a vector, but runs once per row, where even a boxed call costs little; {@link #exp},
 * called per row and key block by flash attention, sums its lanes in place).
 * Tails are handled with masks in the same loop.
 *
 * <p>The polynomial coefficients were fitted for this file (weighted Chebyshev least squares against mpmath, then
 * rounded to float and checked in float arithmetic).
 */
final class VectorMath {
    private VectorMath() {}

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    // exp(v) = 2^n · e^r with n = round(v / ln 2) and |r| <= ln 2 / 2.
    private static final float LOG2E = 1.44269504088896341f;
    private static final float ROUNDER = 0x1.8p23f; // v + 1.5·2^23 rounds v to an integer held in the low bits
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /**
     * Softmax's exp rounds with 1.5·2^23 + 127: the low bits of the sum are then n + 127, and shifting them into
     * the exponent field gives 2^n in one step (0 for n = -127).
     */
    private static final float BIASED_ROUNDER = ROUNDER + 127f;
    private static final float LN2_HI = 0.693359375f; // 9 significant bits: n · LN2_HI is exact
    private static final float LN2_LO = -2.12194440e-4f; // ln 2 - LN2_HI
    /** ln(2^-127): from here down softmax's exp is 0 (n = -127). */
    private static final float SOFTMAX_EXP_FLOOR = -88.02969f;
    // e^r = 1 + r + r^2 · q(r) on |r| <= ln 2 / 2; with the reduction, e^v is within 1 ulp.
    private static final float Q0 = 0.49999988079071045f;
    private static final float Q1 = 0.166665181517601f;
    private static final float Q2 = 0.04166953265666962f;
    private static final float Q3 = 0.008368915878236294f;
    private static final float Q4 = 0.0013751407386735082f;

    // Phi(x) = (1 + erf(z)) / 2 with z = x / √2.
    // Near 0, |z| < 1/2: erf(z) = z · P(z^2) (relative error ~1e-7).
    private static final float P0 = 1.128379225730896f;
    private static final float P1 = -0.37612637877464294f;
    private static final float P2 = 0.11283773928880692f;
    private static final float P3 = -0.026863113045692444f;
    private static final float P4 = 0.005200275685638189f;
    private static final float P5 = -0.0007692333310842514f;
    private static final float SMALL_Z = 0.5f;
    // Elsewhere Phi(-|x|) = erfc(|z|) / 2 with erfc(z) = t · e^(-z^2) · R(t - T_MID), t = 1 / (1 + z/2),
    // fitted on 1/2 <= z <= 10 (relative error ~3e-7).
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
     * Softmax's exponentials: {@code x[i] = e^(x[i] - shift)} over {@code x[offset, offset + length)} where
     * {@code shift} is at least every x[i] (a row or block maximum), so every argument is <= 0; returns the sum of
     * the results, Kahan-compensated (so long rows keep it to about an ulp).
     * Within 1 ulp of e^(x - shift) as rounded to float down to the smallest normal float (e^-87.3); below it a
     * result may be 0 instead of a subnormal, off by less than 1.2e-38 where the row's largest entry is 1;
     * -Infinity gives 0, NaN stays NaN. Arguments above 0 are outside the contract.
     * Two Kahan sums taking turns (even and odd vectors) keep the loop from waiting on one chain of additions.
     */
    static float exp(float[] x, int offset, int length, float shift) {
        FloatVector q0 = FloatVector.broadcast(SPECIES, Q0);
        FloatVector q1 = FloatVector.broadcast(SPECIES, Q1);
        FloatVector q2 = FloatVector.broadcast(SPECIES, Q2);
        FloatVector negLn2Hi = FloatVector.broadcast(SPECIES, -LN2_HI);
        FloatVector negLn2Lo = FloatVector.broadcast(SPECIES, -LN2_LO);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector sum0 = zero, lost0 = zero, sum1 = zero, lost1 = zero;
        for (int i = 0; i < length; i += LANES) {
            VectorMask<Float> part = SPECIES.indexInRange(i, length);
            FloatVector v = FloatVector.fromArray(SPECIES, x, offset + i, part).sub(shift).max(SOFTMAX_EXP_FLOOR);
            FloatVector shifted = v.fma(LOG2E, BIASED_ROUNDER);
            FloatVector n = shifted.sub(BIASED_ROUNDER);
            FloatVector r = n.fma(negLn2Lo, n.fma(negLn2Hi, v));
            FloatVector q = r.fma(Q4, Q3).fma(r, q2).fma(r, q1).fma(r, q0);
            FloatVector e = r.mul(r).fma(q, r).add(1f)
                    .mul(shifted.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            e.intoArray(x, offset + i, part);
            FloatVector term = zero.blend(e, part).sub(lost0);
            FloatVector next = sum0.add(term);
            FloatVector lost = next.sub(sum0).sub(term);
            sum0 = sum1; // the two sums take turns
            lost0 = lost1;
            sum1 = next;
            lost1 = lost;
        }
        // the same fixed tree as sumLanes, spelled out here: passed to sumLanes, the vector was boxed and slice ran
        // un-intrinsified (~0.4 KiB of garbage per call; flash attention calls this per row and key block)
        FloatVector total = sum0.sub(lost0).add(sum1.sub(lost1));
        for (int width = LANES / 2; width > 0; width /= 2) {
            total = total.add(total.slice(width));
        }
        return total.lane(0);
    }

    /**
     * The sum of the lanes as a fixed tree (lane i + lane i + w, halving w). {@code reduceLanes(ADD)} may add in
     * one order when compiled and another when interpreted, so results would depend on the JIT's state (and
     * differ between threads).
     */
    static float sumLanes(FloatVector v) {
        for (int width = LANES / 2; width > 0; width /= 2) {
            v = v.add(v.slice(width));
        }
        return v.lane(0);
    }

    /**
     * GELU(x) = x · Phi(x) in place over {@code a[offset, offset + length)}. Phi is within 1e-7 absolute, and
     * within ~4e-7 relative in the left tail where it is tiny. Below x = -X_SATURATES the result is -0, so
     * GELU(-Infinity) = -0; GELU(+Infinity) = +Infinity; NaN stays NaN.
     */
    static void gelu(float[] a, int offset, int length) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector p0 = FloatVector.broadcast(SPECIES, P0);
        FloatVector p1 = FloatVector.broadcast(SPECIES, P1);
        FloatVector p2 = FloatVector.broadcast(SPECIES, P2);
        FloatVector p3 = FloatVector.broadcast(SPECIES, P3);
        FloatVector r0 = FloatVector.broadcast(SPECIES, R0);
        FloatVector r1 = FloatVector.broadcast(SPECIES, R1);
        FloatVector r2 = FloatVector.broadcast(SPECIES, R2);
        FloatVector r3 = FloatVector.broadcast(SPECIES, R3);
        FloatVector r4 = FloatVector.broadcast(SPECIES, R4);
        FloatVector r5 = FloatVector.broadcast(SPECIES, R5);
        FloatVector r6 = FloatVector.broadcast(SPECIES, R6);
        FloatVector q0 = FloatVector.broadcast(SPECIES, Q0);
        FloatVector q1 = FloatVector.broadcast(SPECIES, Q1);
        FloatVector q2 = FloatVector.broadcast(SPECIES, Q2);
        FloatVector negLn2Lo = FloatVector.broadcast(SPECIES, -LN2_LO);
        for (int i = 0; i < length; i += LANES) {
            VectorMask<Float> part = SPECIES.indexInRange(i, length);
            FloatVector x = FloatVector.fromArray(SPECIES, a, offset + i, part);
            FloatVector z = x.mul(INV_SQRT2);
            FloatVector z2 = z.mul(z);
            FloatVector erfNearZero = z.mul(z2.fma(P5, P4).fma(z2, p3).fma(z2, p2).fma(z2, p1).fma(z2, p0));
            FloatVector cdfNearZero = erfNearZero.fma(0.5f, 0.5f);

            // e^(-z^2) from x^2 / 2 = (xx + xxLow) / 2 exactly: rounding z = x / √2 first would cost ~z^2 ulps
            FloatVector ax = x.abs().min(X_SATURATES);
            FloatVector xx = ax.mul(ax);
            FloatVector xxLow = ax.fma(ax, xx.neg());
            FloatVector v = xx.mul(-0.5f); // in [-100, 0]: the exp steps below need no clamping
            FloatVector shifted = v.fma(LOG2E, ROUNDER);
            FloatVector n = shifted.sub(ROUNDER);
            FloatVector r = n.fma(negLn2Lo, n.mul(-LN2_HI).add(v));
            FloatVector q = r.fma(Q4, Q3).fma(r, q2).fma(r, q1).fma(r, q0);
            FloatVector e = r.mul(r).fma(q, r).add(1f);
            IntVector ni = shifted.reinterpretAsInts().sub(ROUNDER_BITS);
            IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
            e = e.mul(half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(ni.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector gauss = xxLow.mul(-0.5f).fma(e, e); // e · (1 - xxLow / 2)

            FloatVector t = one.div(ax.fma(INV_SQRT2 / 2, 1f));
            FloatVector s = t.sub(T_MID);
            FloatVector erfcFit = s.fma(R8, R7).fma(s, r6).fma(s, r5).fma(s, r4).fma(s, r3).fma(s, r2).fma(s, r1)
                    .fma(s, r0);
            FloatVector lowerTail = t.mul(gauss).mul(erfcFit).mul(0.5f); // Phi(-|x|)
            FloatVector cdf = lowerTail.blend(one.sub(lowerTail), x.compare(VectorOperators.GT, 0f))
                    .blend(cdfNearZero, z.abs().compare(VectorOperators.LT, SMALL_Z));
            x.mul(cdf).blend(-0f, x.compare(VectorOperators.LT, -X_SATURATES)).intoArray(a, offset + i, part);
        }
    }

    /**
     * The GEMM epilogue on one row segment: {@code y[offset, offset + length) += bias[biasOffset, ...)} (bias may
     * be null), then GELU if asked.
     */
    static void addBiasActivate(float[] y, int offset, int length, float[] bias, int biasOffset, boolean gelu) {
        if (bias != null) {
            for (int i = 0; i < length; i += LANES) {
                VectorMask<Float> part = SPECIES.indexInRange(i, length);
                FloatVector.fromArray(SPECIES, y, offset + i, part)
                        .add(FloatVector.fromArray(SPECIES, bias, biasOffset + i, part))
                        .intoArray(y, offset + i, part);
            }
        }
        if (gelu) {
            gelu(y, offset, length);
        }
    }
}
