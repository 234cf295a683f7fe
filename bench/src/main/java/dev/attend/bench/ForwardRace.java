package dev.attend.bench;

import dev.attend.core.Parallel;
import dev.attend.model.AttentionModel;
import dev.attend.model.Capture;
import dev.attend.model.Models;
import dev.attend.model.registry.BuiltInModels;
import dev.attend.model.tokenize.TokenizedText;

import java.nio.file.Path;

/**
 * {@code bench forward}: one all-MiniLM-L6-v2 forward pass at n = 16, 128, 512 tokens on each thread count,
 * attend (without and with every attention weight captured) against ONNX Runtime on the same ONNX file.
 *
 * <p>The three run in alternation: each round times a batch of calls of each (about a quarter second), so a
 * change in the machine's load hits all three alike, and each round gives a paired ratio. The table shows
 * medians over the rounds and the 10th–90th percentile of the per-round ratios. Before timing, attend's
 * last hidden state (with and without capture) must equal ORT's within 1e-4.
 */
final class ForwardRace {
    private static final String MODEL = "minilm";
    private static final int[] SIZES = {16, 128, 512};

    private ForwardRace() {}

    static void run(BenchOptions options) throws Exception {
        Machine.describe();
        System.out.printf("method:  %d rounds per case, attend / ORT / attend+capture alternating, ~%.2f s each per round, "
                + "%.0f s warm-up; ms per forward pass%n", options.rounds(), options.roundSeconds(), options.warmUpSeconds());
        System.out.println();
        System.out.println("| n | threads | attend ms | ORT ms | attend / ORT | ratio p10–p90 | capture ms | capture / attend | p10–p90 |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Path onnx = BuiltInModels.files(BuiltInModels.require(MODEL)).onnx();
        try (AttentionModel model = Models.load(MODEL)) {
            for (int threads : options.threads()) {
                Parallel.setThreads(threads);
                for (int n : SIZES) {
                    TokenizedText text = BenchmarkText.ofTokens(model.tokenizer(), n);
                    try (OrtForward ort = OrtForward.open(onnx, text, threads)) {
                        SameOutputs.require(model, text, ort.lastHiddenState());
                        race(options, model, text, ort, n, threads);
                    }
                }
            }
        }
        System.out.println();
        System.out.println("load:    " + Machine.load() + " (at the end)");
    }

    private static void race(BenchOptions options, AttentionModel model, TokenizedText text, OrtForward ort,
                             int n, int threads) throws Exception {
        Stopwatch.Work attend = () -> model.trace(text, Capture.none());
        Stopwatch.Work onnx = ort::lastHiddenState;
        Stopwatch.Work capture = () -> model.trace(text, Capture.attention());
        int attendCalls = Stopwatch.warmUp(attend, options.warmUpSeconds(), options.roundSeconds());
        int ortCalls = Stopwatch.warmUp(onnx, options.warmUpSeconds(), options.roundSeconds());
        int captureCalls = Stopwatch.warmUp(capture, options.warmUpSeconds(), options.roundSeconds());
        int rounds = options.rounds();
        double[] attendMs = new double[rounds], ortMs = new double[rounds], captureMs = new double[rounds];
        double[] ratio = new double[rounds], overhead = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            attendMs[r] = Stopwatch.millisPerCall(attend, attendCalls);
            ortMs[r] = Stopwatch.millisPerCall(onnx, ortCalls);
            captureMs[r] = Stopwatch.millisPerCall(capture, captureCalls);
            ratio[r] = attendMs[r] / ortMs[r];
            overhead[r] = captureMs[r] / attendMs[r];
        }
        Samples ratios = Samples.of(ratio), overheads = Samples.of(overhead);
        System.out.printf("| %d | %d | %.2f | %.2f | %.2f | %s | %.2f | %.2f | %s |%n", n, threads,
                Samples.of(attendMs).median(), Samples.of(ortMs).median(), ratios.median(), ratios.spread("%.2f"),
                Samples.of(captureMs).median(), overheads.median(), overheads.spread("%.2f"));
    }
}
