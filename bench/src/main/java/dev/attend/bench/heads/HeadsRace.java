package dev.attend.bench.heads;

import dev.attend.analysis.CorpusHeadStatistics;
import dev.attend.analysis.CorpusReport;
import dev.attend.analysis.HeadSummary;
import dev.attend.bench.BenchOptions;
import dev.attend.bench.Machine;
import dev.attend.bench.Samples;
import dev.attend.core.Parallel;
import dev.attend.model.AttentionModel;
import dev.attend.model.Models;
import dev.attend.model.registry.BuiltInModels;
import dev.attend.model.registry.ModelFiles;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench heads}: corpus head statistics, {@code ./attend heads} against {@link OrtHeads}, on a generated
 * corpus ({@link BenchCorpus}) of about 100 tokens per line, 8 lines per forward pass for both.
 *
 * <ul>
 *   <li>start-up: a whole process on a one-line corpus (JVM start, model load, one forward, statistics, exit);
 *   <li>steady state: both in this JVM after a warm-up, over 2,000 lines in chunks of 200, alternating, so the
 *       per-chunk ratios are paired; the statistics of the first chunk must agree within 1e-4;
 *   <li>whole process: each program as a fresh JVM over the first 400 lines.
 * </ul>
 */
public final class HeadsRace {
    private static final String MODEL = "minilm";
    private static final double TOLERANCE = 1e-4;
    private static final CorpusHeadStatistics.Progress SILENT = new CorpusHeadStatistics.Progress() {
        @Override
        public void line(long lineNumber) {}

        @Override
        public void truncated(long lineNumber, int tokens, int limit) {}

        @Override
        public void tokens(long total) {}
    };

    private HeadsRace() {}

    public static void run(BenchOptions options) throws Exception {
        Machine.describe();
        int chunks = options.quick() ? 2 : 10;
        int chunkLines = options.quick() ? 8 : 200;
        int processLines = options.quick() ? 8 : 400;
        Path dir = Files.createTempDirectory("attend-bench-heads");
        try {
            ModelFiles files = BuiltInModels.files(BuiltInModels.require(MODEL));
            Path onnx = dir.resolve("minilm-softmax-outputs.onnx");
            OrtHeads.exposeSoftmax(files.onnx(), onnx);
            List<Path> chunkFiles = new ArrayList<>();
            Path all = BenchCorpus.write(dir.resolve("corpus.txt"), chunks * chunkLines);
            List<String> lines = Files.readAllLines(all);
            for (int c = 0; c < chunks; c++) {
                chunkFiles.add(Files.write(dir.resolve("chunk-" + c + ".txt"), lines.subList(c * chunkLines, (c + 1) * chunkLines)));
            }
            Path one = Files.write(dir.resolve("one.txt"), lines.subList(0, 1));
            Path processCorpus = Files.write(dir.resolve("process.txt"), lines.subList(0, Math.min(processLines, lines.size())));
            System.out.printf("corpus:  %d generated lines (bench/.../heads/BenchCorpus), 8 lines per forward pass%n%n",
                    lines.size());

            List<String> attendHeads = attendHeadsCommand();
            List<String> ortHeads = ortHeadsCommand(onnx, files.tokenizer());
            int startRuns = options.quick() ? 1 : 5;
            System.out.println("| whole process (all cores) | attend heads s | ORT program s | attend / ORT |");
            System.out.println("|---|---:|---:|---:|");
            processRow("start-up: 1 line (median of " + startRuns + ")", attendHeads, ortHeads, one, startRuns, dir);
            processRow(processLines + " lines", attendHeads, ortHeads, processCorpus, 1, dir);
            System.out.println();

            System.out.println("| steady state, " + lines.size() + " lines | threads | attend lines/s | ORT lines/s | attend / ORT time | per-chunk p10–p90 |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            try (AttentionModel model = Models.load(MODEL)) {
                for (int threads : options.threads()) {
                    Parallel.setThreads(threads);
                    try (OrtHeads ort = OrtHeads.open(onnx, files.tokenizer(), threads)) {
                        steadyState(model, ort, chunkFiles, chunkLines, threads);
                    }
                }
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println();
        System.out.println("load:    " + Machine.load() + " (at the end)");
    }

    private static void steadyState(AttentionModel model, OrtHeads ort, List<Path> chunks, int chunkLines, int threads)
            throws Exception {
        // warm-up on the first chunk, and the check that both compute the same statistics
        requireSame(CorpusHeadStatistics.run(model, chunks.get(0), 8, SILENT), ort.run(chunks.get(0)));
        double[] attendSeconds = new double[chunks.size()], ortSeconds = new double[chunks.size()];
        double[] ratio = new double[chunks.size()];
        for (int c = 0; c < chunks.size(); c++) {
            Path chunk = chunks.get(c);
            long start = System.nanoTime();
            CorpusHeadStatistics.run(model, chunk, 8, SILENT);
            attendSeconds[c] = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            ort.run(chunk);
            ortSeconds[c] = (System.nanoTime() - start) / 1e9;
            ratio[c] = attendSeconds[c] / ortSeconds[c];
        }
        double attendTotal = java.util.Arrays.stream(attendSeconds).sum();
        double ortTotal = java.util.Arrays.stream(ortSeconds).sum();
        int texts = chunks.size() * chunkLines;
        System.out.printf("| %s | %d | %.1f | %.1f | %.2f | %s |%n", "statistics of every head", threads,
                texts / attendTotal, texts / ortTotal, attendTotal / ortTotal, Samples.of(ratio).spread("%.2f"));
    }

    private static void requireSame(CorpusReport attend, CorpusReport ort) {
        if (attend.texts() != ort.texts() || attend.tokens() != ort.tokens()) {
            throw new IllegalStateException("attend read " + attend.texts() + " texts, " + attend.tokens()
                    + " tokens; the ORT program " + ort.texts() + ", " + ort.tokens());
        }
        double worst = 0;
        for (int k = 0; k < attend.heads().size(); k++) {
            HeadSummary a = attend.heads().get(k), o = ort.heads().get(k);
            double[] differences = {a.entropy() - o.entropy(), a.cls() - o.cls(), a.sep() - o.sep(),
                    a.self() - o.self(), a.prev() - o.prev(), a.next() - o.next()};
            for (double d : differences) worst = Math.max(worst, Math.abs(d));
        }
        if (!(worst <= TOLERANCE)) {
            throw new IllegalStateException("attend's and ONNX Runtime's head statistics differ by " + worst + " > " + TOLERANCE);
        }
    }

    private static void processRow(String label, List<String> attend, List<String> ort, Path corpus, int runs, Path dir)
            throws Exception {
        double[] attendSeconds = new double[runs], ortSeconds = new double[runs];
        for (int r = 0; r < runs; r++) {
            attendSeconds[r] = timeProcess(with(attend, "--input", corpus.toString()), dir);
            ortSeconds[r] = timeProcess(with(ort, corpus.toString()), dir);
        }
        double a = Samples.of(attendSeconds).median(), o = Samples.of(ortSeconds).median();
        System.out.printf("| %s | %.2f | %.2f | %.2f |%n", label, a, o, a / o);
    }

    /** Wall-clock seconds of a process, its output discarded; fails when the process does. */
    private static double timeProcess(List<String> command, Path dir) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + ": "
                    + Files.readString(dir.resolve("err.txt")).strip());
        }
        return seconds;
    }

    private static List<String> with(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    /** {@code attend heads} as the launcher runs it, on the class path the cli passed down (-Dattend.cli.classpath). */
    private static List<String> attendHeadsCommand() {
        String classpath = System.getProperty("attend.cli.classpath");
        if (classpath == null) {
            throw new IllegalStateException("bench heads runs attend heads from the cli's class path: start it with ./attend bench heads");
        }
        List<String> command = javaCommand(classpath);
        command.addAll(List.of("dev.attend.cli.AttendCommand", "heads"));
        return command;
    }

    private static List<String> ortHeadsCommand(Path onnx, Path tokenizer) {
        List<String> command = javaCommand(System.getProperty("java.class.path"));
        command.addAll(List.of(OrtHeads.class.getName(), onnx.toString(), tokenizer.toString()));
        return command;
    }

    /** This JVM's java with the flags the launcher gives attend (both programs get the same). */
    private static List<String> javaCommand(String classpath) {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Dai.djl.offline=true", "-cp", classpath));
    }
}
