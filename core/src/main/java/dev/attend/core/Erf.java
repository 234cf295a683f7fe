package dev.attend.core;

/**
 * The error function and its complement in double precision (W. J. Cody's rational approximations, "Rational
 * Chebyshev approximations for the error function", Math. Comp. 1969). Checked against 30-digit values: erf within
 * 2.3e-16 absolute everywhere; erfc within ~1e-14 relative (the left tail of GELU needs it relative).
 */
final class Erf {
    private Erf() {}

    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax < 0.5) {
            return x * nearZero(x * x);
        }
        double tail = erfcAtLeastHalf(ax);
        return x < 0 ? tail - 1.0 : 1.0 - tail;
    }

    /** erfc(x) = 1 - erf(x), without the cancellation for large x. */
    static double erfc(double x) {
        if (Math.abs(x) < 0.5) {
            return 1.0 - x * nearZero(x * x);
        }
        double tail = erfcAtLeastHalf(Math.abs(x));
        return x < 0 ? 2.0 - tail : tail;
    }

    /** erf(x) / x for |x| < 0.5, as a function of t = x^2. */
    private static double nearZero(double t) {
        double p = ((((1.85777706184603153e-1 * t + 3.16112374387056560e0) * t + 1.13864154151050156e2) * t
                + 3.77485237685302021e2) * t + 3.20937758913846947e3);
        double q = ((((t + 2.36012909523441209e1) * t + 2.44024637934444173e2) * t
                + 1.28261652607737228e3) * t + 2.84423683343917062e3);
        return p / q;
    }

    /** erfc(ax) for ax >= 0.5 (NaN stays NaN, +Infinity gives 0). */
    private static double erfcAtLeastHalf(double ax) {
        if (ax < 4.0) {
            double p = ((((((((2.15311535474403846e-8 * ax + 5.64188496988670089e-1) * ax + 8.88314979438837594e0) * ax
                    + 6.61191906371416295e1) * ax + 2.98635138197400131e2) * ax + 8.81952221241769090e2) * ax
                    + 1.71204761263407058e3) * ax + 2.05107837782607147e3) * ax + 1.23033935479799725e3);
            double q = ((((((((ax + 1.57449261107098347e1) * ax + 1.17693950891312499e2) * ax
                    + 5.37181101862009858e2) * ax + 1.62138957456669019e3) * ax + 3.29079923573345963e3) * ax
                    + 4.36261909014324716e3) * ax + 3.43936767414372164e3) * ax + 1.23033935480374942e3);
            return Math.exp(-ax * ax) * p / q;
        }
        double z = 1.0 / (ax * ax);
        double p = (((((1.63153871373020978e-2 * z + 3.05326634961232344e-1) * z + 3.60344899949804439e-1) * z
                + 1.25781726111229246e-1) * z + 1.60837851487422766e-2) * z + 6.58749161529837803e-4);
        double q = (((((z + 2.56852019228982242e0) * z + 1.87295284992346725e0) * z
                + 5.27905102951428412e-1) * z + 6.05183413124413191e-2) * z + 2.33520497626869185e-3);
        return Math.exp(-ax * ax) / ax * (0.5641895835477563 - z * p / q);
    }
}
