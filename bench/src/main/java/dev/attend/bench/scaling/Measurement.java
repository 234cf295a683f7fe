package dev.attend.bench.scaling;

import dev.attend.bench.Samples;

import java.lang.management.ManagementFactory;

/**
 * Times one path at one n: warm-up, then several runs (each enough calls to last ~50 ms, at least one call);
 * the median and 10th/90th percentiles of ms per call, and the bytes allocated per call by all threads together
 * ({@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes}, over all runs), and the process's CPU
 * time per call (all threads, GC and JIT included; on a loaded machine it moves less than the wall time).
 */
record Measurement(AttentionPath path, int n, int runs, double medianMs, double p10Ms, double p90Ms, long bytesPerCall,
                   double cpuMs) {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean SYSTEM =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Measured runs aim at about this many seconds in total for one point (at least 3 runs, at most 15). */
    static Measurement of(AttentionPath path, AttentionPath.Inputs inputs, double warmUpSeconds, double budgetSeconds) {
        long warmEnd = System.nanoTime() + (long) (warmUpSeconds * 1e9);
        double callMs;
        do {
            long t0 = System.nanoTime();
            path.run(inputs);
            callMs = (System.nanoTime() - t0) / 1e6;
        } while (System.nanoTime() < warmEnd);
        int callsPerRun = (int) Math.max(1, Math.min(10_000, Math.round(50 / callMs)));
        // at least 3 runs, or 2 when one call takes over 10 s (the naive loops at n = 8,192 on a loaded machine)
        int runs = (int) Math.max(callMs > 10_000 ? 2 : 3, Math.min(15, Math.round(budgetSeconds * 1e3 / (callMs * callsPerRun))));
        return timed(path, inputs, runs, callsPerRun);
    }

    /** {@code runs} runs of {@code callsPerRun} calls each, no warm-up. */
    static Measurement timed(AttentionPath path, AttentionPath.Inputs inputs, int runs, int callsPerRun) {
        double[] ms = new double[runs];
        long bytesBefore = THREADS.getTotalThreadAllocatedBytes();
        long cpuBefore = SYSTEM.getProcessCpuTime();
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            for (int c = 0; c < callsPerRun; c++) {
                path.run(inputs);
            }
            ms[r] = (System.nanoTime() - t0) / 1e6 / callsPerRun;
        }
        long calls = (long) runs * callsPerRun;
        long bytes = (THREADS.getTotalThreadAllocatedBytes() - bytesBefore) / calls;
        double cpuMs = (SYSTEM.getProcessCpuTime() - cpuBefore) / 1e6 / calls;
        Samples samples = Samples.of(ms);
        return new Measurement(path, inputs.n(), runs, samples.median(), samples.quantile(0.1), samples.quantile(0.9), bytes,
                cpuMs);
    }
}
