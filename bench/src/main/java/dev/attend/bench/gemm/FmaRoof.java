package dev.attend.bench.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The FMA roof: GFLOP/s of fused multiply-adds that touch only registers, on the preferred vector species. Twelve
 * independent accumulator chains cover the FMA latency (4 cycles × 2 units needs 8 in flight), so the loop runs
 * at the core's FMA throughput: what a GEMM micro-kernel could reach if loads and stores were free.
 */
public final class FmaRoof {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED; // static final: see the probe
    private static final int CHAINS = 12;

    private FmaRoof() {}

    /** FLOPs one call of {@link #chains} performs for {@code steps}: 2 per lane per FMA. */
    static double flops(long steps) {
        return 2.0 * CHAINS * SPECIES.length() * steps;
    }

    /** GFLOP/s summed over {@code threads} threads, each running the probe for about {@code seconds}. */
    public static double gigaflops(int threads, double seconds) throws Exception {
        long steps = calibrate(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int warm = 0; warm < 2; warm++) { // the first round compiles and spins up every thread
                run(pool, threads, steps / 4);
            }
            long start = System.nanoTime();
            run(pool, threads, steps);
            double elapsed = (System.nanoTime() - start) / 1e9;
            return threads * flops(steps) / elapsed / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    private static void run(ExecutorService pool, int threads, long steps) throws Exception {
        List<Future<Float>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            float seed = 1f + t;
            Callable<Float> probe = () -> chains(steps, seed);
            results.add(pool.submit(probe));
        }
        float sum = 0;
        for (Future<Float> result : results) {
            sum += result.get();
        }
        if (Float.isNaN(sum)) { // keeps the result alive; the chains never produce NaN from these inputs
            throw new IllegalStateException("FMA probe produced NaN");
        }
    }

    /**
     * Steps that take about {@code seconds} on one thread, at the compiled probe's speed: it is timed until its
     * rate stops improving (the JIT has compiled it), for at most 5 s.
     */
    private static long calibrate(double seconds) {
        long steps = 1 << 16;
        double best = 0; // steps per second
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (int stale = 0; stale < 5 && System.nanoTime() < deadline; ) {
            long start = System.nanoTime();
            chains(steps, 1f);
            double rate = steps / Math.max(1e-9, (System.nanoTime() - start) / 1e9);
            if (rate > best * 1.05) {
                best = rate;
                stale = 0;
            } else {
                stale++;
            }
        }
        return Math.max(1, (long) (best * seconds));
    }

    /** {@value #CHAINS} chains c = c · a + b, {@code steps} times each; a slightly below 1 keeps the values finite. */
    static float chains(long steps, float seed) {
        FloatVector a = FloatVector.broadcast(SPECIES, 0.999f);
        FloatVector b = FloatVector.broadcast(SPECIES, 0.001f);
        FloatVector c0 = FloatVector.broadcast(SPECIES, seed), c1 = c0.add(1), c2 = c0.add(2), c3 = c0.add(3);
        FloatVector c4 = c0.add(4), c5 = c0.add(5), c6 = c0.add(6), c7 = c0.add(7);
        FloatVector c8 = c0.add(8), c9 = c0.add(9), c10 = c0.add(10), c11 = c0.add(11);
        for (long s = 0; s < steps; s++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
