package dev.attend.bench.scaling;

import dev.attend.core.attention.AttentionMask;
import dev.attend.core.attention.AttentionReference;
import dev.attend.core.attention.AttentionShape;

/**
 * Flash attention at one large n in a JVM of its own, which {@link ScalingRun} starts with {@code -Xmx2g}
 * (args: n, d, runs). Warms up at n = 4,096, times {@code runs} calls at n (one, when
 * they would take over 90 s), checks four query rows against the
 * double-precision reference (within 1e-5 relative) and prints one line:
 * {@code result <median ms> <p10 ms> <p90 ms> <runs> <bytes allocated per call> <CPU ms per call> <max heap MiB>}.
 */
public final class LongFlash {
    private LongFlash() {}

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        Measurement.of(AttentionPath.FLASH, AttentionPath.Inputs.random(Math.min(n, 4096), 1, d), 3, 0);
        AttentionPath.Inputs inputs = AttentionPath.Inputs.random(n, 1, d);
        Measurement m = Measurement.timed(AttentionPath.FLASH, inputs, 1, 1);
        if (m.medianMs() * runs < 90_000) { // up to 90 s for all runs, else the one already made
            m = Measurement.timed(AttentionPath.FLASH, inputs, runs, 1);
        }
        AttentionShape shape = AttentionShape.of(1, n, n, d);
        double[] want = new double[d];
        for (int i : new int[] {0, n / 3, n / 2 + 1, n - 1}) {
            AttentionReference.row(inputs.q(), inputs.k(), inputs.v(), shape, AttentionMask.none(), null, 0, i, want);
            for (int c = 0; c < d; c++) {
                float got = inputs.out()[i * d + c];
                if (!(Math.abs(got - want[c]) <= 1e-5 * (1 + Math.abs(want[c])))) {
                    System.out.println("mismatch at query " + i + ", column " + c + ": " + got + " vs " + want[c]);
                    System.exit(1);
                }
            }
        }
        System.out.printf(java.util.Locale.ROOT, "result %.4f %.4f %.4f %d %d %.4f %d%n", m.medianMs(), m.p10Ms(),
                m.p90Ms(), m.runs(), m.bytesPerCall(), m.cpuMs(), Runtime.getRuntime().maxMemory() >> 20);
    }
}
