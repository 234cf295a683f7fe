package dev.attend.core;

import java.util.Random;

/**
 * Quick GEMM throughput harness (not a test): GFLOP/s of the inference entry point on MiniLM's shapes, with 1
 * thread and with all threads. Run after {@code mvn test-compile}:
 * {@code java --add-modules jdk.incubator.vector -cp core/target/classes:core/target/test-classes
 * dev.attend.core.GemmBenchmark [seconds per shape]}.
 */
public final class GemmBenchmark {
    private GemmBenchmark() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 0.5;
        System.out.println("kernels: " + Kernels.describe() + ", threads: " + Parallel.threads());
        int[][] kn = {{384, 384}, {384, 1536}, {1536, 384}};
        int[] ms = {16, 128, 512};
        int maxThreads = Parallel.threads();
        System.out.printf("%-26s %14s %14s%n", "shape", "1 thread", maxThreads + " threads");
        for (int[] shape : kn) {
            for (int m : ms) {
                int k = shape[0];
                int n = shape[1];
                double single = measure(m, k, n, 1, seconds, false);
                double all = measure(m, k, n, maxThreads, seconds, false);
                System.out.printf("[%3d x %4d]·[%4d x %4d] %9.1f GF/s %9.1f GF/s%n", m, k, k, n, single, all);
            }
        }
        System.out.println("with the bias + GELU epilogue:");
        for (int m : ms) {
            double single = measure(m, 384, 1536, 1, seconds, true);
            double all = measure(m, 384, 1536, maxThreads, seconds, true);
            System.out.printf("[%3d x %4d]·[%4d x %4d] %9.1f GF/s %9.1f GF/s%n", m, 384, 384, 1536, single, all);
        }
        Parallel.setThreads(maxThreads);
    }

    private static double measure(int m, int k, int n, int threads, double seconds, boolean biasGelu) {
        Parallel.setThreads(threads);
        Random random = new Random(1);
        float[] x = new float[m * k];
        float[] w = new float[k * n];
        for (int i = 0; i < x.length; i++) x[i] = random.nextFloat() - 0.5f;
        for (int i = 0; i < w.length; i++) w[i] = random.nextFloat() - 0.5f;
        PackedMatrix packed = PackedMatrix.pack(MatrixView.of(w, k, n), false);
        MatrixView xv = MatrixView.of(x, m, k);
        MatrixView yv = MatrixView.of(new float[m * n], m, n);
        Epilogue epilogue = biasGelu ? Epilogue.biasGelu(new float[n]) : Epilogue.NONE;
        double flops = 2.0 * m * n * k;
        long warmupEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmupEnd) {
            Gemm.multiply(xv, packed, yv, epilogue);
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long calls = 0;
        long now;
        do {
            Gemm.multiply(xv, packed, yv, epilogue);
            calls++;
            now = System.nanoTime();
        } while (now < end);
        return flops * calls / (now - start);
    }
}
