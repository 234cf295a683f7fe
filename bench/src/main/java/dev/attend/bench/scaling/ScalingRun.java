package dev.attend.bench.scaling;

import dev.attend.bench.Machine;
import dev.attend.core.Parallel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench scaling [--out DIR] [--quick]}: time and memory of one attention head (d = 64) against n for the
 * naive double-precision loops (n <= 8,192), the materialising path keeping the [n, n] weights (n <= 16,384), the
 * same kernel without keeping them ([64, n] blocks, n <= 16,384) and flash attention (n <= 65,536; the largest n
 * in a JVM of its own started with {@code -Xmx2g}). Then flash against the [64, n] blocks at MiniLM's shape
 * (12 heads of d = 32, n = 16..256), which sets the n from which {@code ScaledDotProductAttention} picks flash.
 *
 * <p>Writes into DIR (default docs/performance): {@code scaling.csv}, {@code scaling.png}/{@code .svg} (time vs n),
 * {@code scaling-memory.png}/{@code .svg} (bytes allocated per call vs n) and {@code flash-threshold.csv}; prints
 * a line per point and the tables with the ratios. {@code --quick} runs a few small n only (a smoke test).
 */
public final class ScalingRun {
    private static final int HEAD_DIM = 64;
    private static final int[] FULL_SIZES = {256, 512, 1024, 2048, 4096, 8192, 16_384, 32_768, 65_536};
    private static final int[] QUICK_SIZES = {256, 512, 1024};
    private static final int[] THRESHOLD_SIZES = {16, 32, 64, 128, 256};
    private static final int[] QUICK_THRESHOLD_SIZES = {16, 128};
    private static final String CHILD_HEAP = "-Xmx2g";

    private ScalingRun() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of("docs/performance");
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> {
                    if (i + 1 >= args.length) fail("--out needs a directory");
                    out = Path.of(args[++i]);
                }
                default -> fail("unknown option " + args[i] + " (options: --out DIR, --quick)");
            }
        }
        Files.createDirectories(out);
        Machine.describe();
        System.out.printf("threads: %d (attend.threads)%nmethod:  median ms per call of up to 15 runs after warm-up; "
                + "CPU = process CPU time per call (all threads); memory = bytes allocated per call by all threads "
                + "(ThreadMXBean#getTotalThreadAllocatedBytes)%n%n",
                Parallel.threads());
        long start = System.nanoTime();
        warmUp(quick ? 0.2 : 4);
        List<Measurement> scaling = scaling(quick ? QUICK_SIZES : FULL_SIZES, quick);
        List<Measurement[]> threshold = threshold(quick ? QUICK_THRESHOLD_SIZES : THRESHOLD_SIZES, quick);
        ScalingReport.print(scaling, threshold);
        ScalingReport.writeCsv(scaling, out.resolve("scaling.csv"), 1, HEAD_DIM);
        ScalingReport.writeThresholdCsv(threshold, out.resolve("flash-threshold.csv"));
        ScalingReport.charts(scaling, out);
        System.out.printf("%nwrote %s/{scaling.csv, scaling.png, scaling.svg, scaling-memory.png, scaling-memory.svg, "
                + "flash-threshold.csv} in %.1f min; load at the end: %s%n", out, (System.nanoTime() - start) / 60e9,
                Machine.load());
    }

    /**
     * Until C2 has compiled them, Vector API kernels run as calls that allocate every vector (~100 MiB per call at
     * n = 256): each path runs at n = 512 for a while before anything is measured.
     */
    private static void warmUp(double secondsPerPath) {
        AttentionPath.Inputs inputs = AttentionPath.Inputs.random(512, 1, HEAD_DIM);
        for (AttentionPath path : AttentionPath.values()) {
            long end = System.nanoTime() + (long) (secondsPerPath * 1e9);
            do {
                path.run(inputs);
            } while (System.nanoTime() < end);
        }
    }

    private static void fail(String message) {
        System.err.println("attend bench scaling: " + message);
        System.exit(2);
    }

    private static List<Measurement> scaling(int[] sizes, boolean quick) throws IOException, InterruptedException {
        List<int[]> plan = new ArrayList<>(); // {path ordinal, n}
        for (int n : sizes) {
            for (AttentionPath path : AttentionPath.values()) {
                if (n <= path.maxN) plan.add(new int[] {path.ordinal(), n});
            }
        }
        int largest = sizes[sizes.length - 1];
        List<Measurement> results = new ArrayList<>();
        for (int[] point : plan) {
            AttentionPath path = AttentionPath.values()[point[0]];
            int n = point[1];
            Measurement m;
            String where = "";
            if (path == AttentionPath.FLASH && n == largest) {
                m = inChildJvm(n, 3);
                where = " (own JVM, " + CHILD_HEAP + ")";
            } else {
                System.gc(); // the previous point's [n, n] garbage should not be collected inside this one
                m = Measurement.of(path, AttentionPath.Inputs.random(n, 1, HEAD_DIM), quick ? 0.1 : 1, quick ? 0.2 : 4);
            }
            results.add(m);
            System.out.printf(Locale.ROOT, "[%2d/%d] %-28s n = %,6d  %10.3f ms (median of %2d, %s; CPU %.3f ms)  %s allocated per call%s%n",
                    results.size(), plan.size(), path.label, n, m.medianMs(), m.runs(), spread(m), m.cpuMs(),
                    ScalingReport.bytes(m.bytesPerCall()), where);
        }
        return results;
    }

    /** [flash, blocks] per n, at 12 heads of d = 32. */
    private static List<Measurement[]> threshold(int[] sizes, boolean quick) {
        System.out.println();
        List<Measurement[]> results = new ArrayList<>();
        for (int n : sizes) {
            AttentionPath.Inputs inputs = AttentionPath.Inputs.random(n, 12, 32);
            // each path twice, alternating, the lower median kept: a change in the machine's load hits both
            Measurement[] pair = new Measurement[2];
            for (int round = 0; round < 2; round++) {
                for (int p = 0; p < 2; p++) {
                    AttentionPath path = p == 0 ? AttentionPath.FLASH : AttentionPath.BLOCKED;
                    Measurement m = Measurement.of(path, inputs, quick ? 0.1 : 1, quick ? 0.2 : 2);
                    if (pair[p] == null || m.medianMs() < pair[p].medianMs()) pair[p] = m;
                }
            }
            Measurement best = pair[0], blocks = pair[1];
            results.add(pair);
            System.out.printf(Locale.ROOT, "12 heads × d 32, n = %3d: flash %.3f ms, [64, n] blocks %.3f ms, flash / blocks %.2f%n",
                    n, best.medianMs(), blocks.medianMs(), best.medianMs() / blocks.medianMs());
        }
        return results;
    }

    private static String spread(Measurement m) {
        return String.format(Locale.ROOT, "%.3f–%.3f", m.p10Ms(), m.p90Ms());
    }

    /** Flash at n in a new JVM with a 2 GiB heap (an [n, n] float matrix at n = 65,536 would take 16 GiB). */
    private static Measurement inChildJvm(int n, int runs) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of(java, "--add-modules", "jdk.incubator.vector", CHILD_HEAP,
                "-Dattend.threads=" + Parallel.threads(), "-cp", System.getProperty("java.class.path"),
                LongFlash.class.getName(), Integer.toString(n), Integer.toString(HEAD_DIM), Integer.toString(runs));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!child.waitFor(10, TimeUnit.MINUTES) || child.exitValue() != 0) {
            throw new IllegalStateException("flash at n = " + n + " in its own JVM failed:\n" + output);
        }
        String[] f = output.lines().filter(l -> l.startsWith("result ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result line from the child JVM:\n" + output)).split(" ");
        return new Measurement(AttentionPath.FLASH, n, Integer.parseInt(f[4]), Double.parseDouble(f[1]),
                Double.parseDouble(f[2]), Double.parseDouble(f[3]), Long.parseLong(f[5]), Double.parseDouble(f[6]));
    }
}
