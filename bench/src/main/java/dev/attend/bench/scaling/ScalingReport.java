package dev.attend.bench.scaling;

import dev.attend.core.Parallel;
import dev.attend.plot.LineChart;
import dev.attend.plot.Series;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The scaling run's tables (stdout), CSV files and charts. */
final class ScalingReport {
    /** Where the goal (flash >= 1.5x faster than materialising) is read off. */
    private static final int[] GOAL_SIZES = {1024, 2048, 4096};

    private static final String HEADER = "path,n,heads,d,threads,runs,median_ms,p10_ms,p90_ms,cpu_ms_per_call,"
            + "allocated_bytes_per_call";

    private ScalingReport() {}

    static void print(List<Measurement> scaling, List<Measurement[]> threshold) {
        System.out.println();
        System.out.println("| n | naive ms | materialising [n, n] ms | [64, n] blocks ms | flash ms | materialising / flash |"
                + " blocks / flash | materialising / flash, CPU time |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int n : sizes(scaling)) {
            double naive = ms(scaling, AttentionPath.NAIVE, n), full = ms(scaling, AttentionPath.MATERIALISING, n);
            double blocks = ms(scaling, AttentionPath.BLOCKED, n), flash = ms(scaling, AttentionPath.FLASH, n);
            double fullCpu = cpuMs(scaling, AttentionPath.MATERIALISING, n), flashCpu = cpuMs(scaling, AttentionPath.FLASH, n);
            System.out.printf(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s | %s | %s |%n", n, cell(naive), cell(full),
                    cell(blocks), cell(flash), ratio(full, flash), ratio(blocks, flash), ratio(fullCpu, flashCpu));
        }
        System.out.println();
        for (int n : GOAL_SIZES) {
            double full = ms(scaling, AttentionPath.MATERIALISING, n), flash = ms(scaling, AttentionPath.FLASH, n);
            if (full > 0 && flash > 0) {
                System.out.printf(Locale.ROOT, "goal at n = %,d: flash is %.2fx faster than materialising [n, n] "
                        + "(goal >= 1.5x: %s)%n", n, full / flash, full / flash >= 1.5 ? "met" : "not met");
            }
        }
        System.out.println();
        System.out.println("| n (12 heads × d 32) | flash ms | [64, n] blocks ms | flash / blocks |");
        System.out.println("|---:|---:|---:|---:|");
        for (Measurement[] pair : threshold) {
            System.out.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.2f |%n", pair[0].n(), pair[0].medianMs(),
                    pair[1].medianMs(), pair[0].medianMs() / pair[1].medianMs());
        }
    }

    static void writeCsv(List<Measurement> scaling, Path file, int heads, int d) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Measurement m : scaling) lines.add(row(m, heads, d));
        Files.write(file, lines);
    }

    static void writeThresholdCsv(List<Measurement[]> threshold, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Measurement[] pair : threshold) {
            for (Measurement m : pair) lines.add(row(m, 12, 32));
        }
        Files.write(file, lines);
    }

    private static String row(Measurement m, int heads, int d) {
        return String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%.4f,%.4f,%.4f,%.4f,%d", m.path().name().toLowerCase(Locale.ROOT),
                m.n(), heads, d, Parallel.threads(), m.runs(), m.medianMs(), m.p10Ms(), m.p90Ms(), m.cpuMs(), m.bytesPerCall());
    }

    /** scaling.png/.svg: ms per call vs n; scaling-memory.png/.svg: MiB allocated per call vs n; both log-log. */
    static void charts(List<Measurement> scaling, Path dir) throws IOException {
        String threads = Parallel.threads() + (Parallel.threads() == 1 ? " thread" : " threads");
        new LineChart("One attention head (d = 64): time per call, " + threads, "n (tokens)", "ms per call",
                series(scaling, Measurement::medianMs), true, true).write(dir.resolve("scaling"));
        new LineChart("One attention head (d = 64): memory allocated per call", "n (tokens)", "MiB allocated per call",
                series(scaling, m -> m.bytesPerCall() / 1048576.0), true, true).write(dir.resolve("scaling-memory"));
    }

    private static List<Series> series(List<Measurement> scaling, ToDoubleFunction<Measurement> value) {
        List<Series> series = new ArrayList<>();
        for (AttentionPath path : AttentionPath.values()) {
            List<Measurement> points = scaling.stream().filter(m -> m.path() == path && value.applyAsDouble(m) > 0).toList();
            if (points.isEmpty()) continue;
            series.add(new Series(path.label, points.stream().mapToDouble(Measurement::n).toArray(),
                    points.stream().mapToDouble(value).toArray()));
        }
        return series;
    }

    static String bytes(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    private static int[] sizes(List<Measurement> scaling) {
        return scaling.stream().mapToInt(Measurement::n).distinct().sorted().toArray();
    }

    /** The median ms of path at n, or 0 when it was not run there. */
    private static double ms(List<Measurement> scaling, AttentionPath path, int n) {
        return value(scaling, path, n, Measurement::medianMs);
    }

    private static double cpuMs(List<Measurement> scaling, AttentionPath path, int n) {
        return value(scaling, path, n, Measurement::cpuMs);
    }

    private static double value(List<Measurement> scaling, AttentionPath path, int n, ToDoubleFunction<Measurement> value) {
        return scaling.stream().filter(m -> m.path() == path && m.n() == n).mapToDouble(value).findFirst().orElse(0);
    }

    private static String cell(double ms) {
        return ms > 0 ? String.format(Locale.ROOT, "%.3f", ms) : "–";
    }

    private static String ratio(double numerator, double denominator) {
        return numerator > 0 && denominator > 0 ? String.format(Locale.ROOT, "%.2fx", numerator / denominator) : "–";
    }
}
