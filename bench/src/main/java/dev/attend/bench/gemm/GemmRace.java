package dev.attend.bench.gemm;

import dev.attend.bench.BenchOptions;
import dev.attend.bench.Machine;
import dev.attend.bench.Samples;
import dev.attend.bench.Stopwatch;
import dev.attend.core.Epilogue;
import dev.attend.core.Gemm;
import dev.attend.core.MatrixView;
import dev.attend.core.PackedMatrix;
import dev.attend.core.Parallel;

import java.util.Random;

/**
 * {@code bench gemm}: attend's inference GEMM (packed weights, no epilogue) on all-MiniLM-L6-v2's shapes at
 * n = 16, 128, 512 rows, in GFLOP/s per thread on each thread count, as a fraction of the FMA roof measured on
 * as many threads, and the speed-up of the largest thread count over one thread.
 */
public final class GemmRace {
    /** [k, n] of the weights: attention output, QKV fused, feed-forward in, feed-forward out. */
    private static final int[][] WEIGHTS = {{384, 384}, {384, 1152}, {384, 1536}, {1536, 384}};
    private static final int[] ROWS = {16, 128, 512};

    private GemmRace() {}

    public static void run(BenchOptions options) throws Exception {
        Machine.describe();
        int[] threads = options.threads();
        double[] roof = new double[threads.length];
        for (int t = 0; t < threads.length; t++) {
            roof[t] = FmaRoof.gigaflops(threads[t], options.quick() ? 0.05 : 1);
            System.out.printf("FMA roof on %d thread%s: %.1f GFLOP/s (%.1f per thread)%n", threads[t],
                    threads[t] == 1 ? "" : "s", roof[t], roof[t] / threads[t]);
        }
        System.out.printf("method:  median of %d rounds of ~%.2f s per case, after %.0f s warm-up; GFLOP/s per thread "
                + "(%% of the roof per thread)%n%n", options.rounds(), options.roundSeconds(), options.warmUpSeconds());
        StringBuilder header = new StringBuilder("| X·W [rows×k]·[k×out] |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int t : threads) {
            header.append(" ").append(t).append(t == 1 ? " thread |" : " threads |");
            rule.append("---:|");
        }
        int last = threads[threads.length - 1];
        if (threads.length > 1) {
            header.append(" speed-up ").append(last).append(" vs ").append(threads[0]).append(" |");
            rule.append("---:|");
        }
        // one untimed pass over every case first, so that no case is timed while the JIT still compiles the kernels
        BenchOptions warmUpPass = new BenchOptions(options.quick(), threads, 1, null);
        for (int t : threads) {
            for (int[] weight : WEIGHTS) {
                for (int rows : ROWS) {
                    gigaflops(warmUpPass, rows, weight[0], weight[1], t);
                }
            }
        }
        System.out.println(header);
        System.out.println(rule);
        for (int[] weight : WEIGHTS) {
            for (int rows : ROWS) {
                StringBuilder line = new StringBuilder("| [%d×%d]·[%d×%d] |".formatted(rows, weight[0], weight[0], weight[1]));
                double first = 0, lastTotal = 0;
                for (int t = 0; t < threads.length; t++) {
                    double total = gigaflops(options, rows, weight[0], weight[1], threads[t]);
                    double perThread = total / threads[t];
                    line.append(" %.1f (%.0f %%) |".formatted(perThread, 100 * total / roof[t]));
                    if (t == 0) first = total;
                    lastTotal = total;
                }
                if (threads.length > 1) {
                    line.append(" %.2fx |".formatted(lastTotal / first));
                }
                System.out.println(line);
            }
        }
        System.out.println();
        System.out.println("load:    " + Machine.load() + " (at the end)");
    }

    /** Median GFLOP/s (all threads together) of Y[rows, n] = X[rows, k] · W[k, n]. */
    private static double gigaflops(BenchOptions options, int rows, int k, int n, int threads) throws Exception {
        Parallel.setThreads(threads);
        Random random = new Random(rows * 31L + k * 7L + n);
        float[] x = new float[rows * k]; // [rows, k]
        float[] w = new float[k * n];    // [k, n]
        for (int i = 0; i < x.length; i++) x[i] = random.nextFloat() - 0.5f;
        for (int i = 0; i < w.length; i++) w[i] = random.nextFloat() - 0.5f;
        PackedMatrix packed = PackedMatrix.pack(MatrixView.of(w, k, n), false);
        MatrixView xv = MatrixView.of(x, rows, k);
        MatrixView yv = MatrixView.of(new float[rows * n], rows, n); // [rows, n]
        Stopwatch.Work multiply = () -> Gemm.multiply(xv, packed, yv, Epilogue.NONE);
        int calls = Stopwatch.warmUp(multiply, options.quick() ? 0.01 : 0.5, options.roundSeconds());
        double[] gflops = new double[options.rounds()];
        for (int r = 0; r < gflops.length; r++) {
            gflops[r] = 2.0 * rows * k * n / (Stopwatch.millisPerCall(multiply, calls) * 1e6);
        }
        return Samples.of(gflops).median();
    }
}
