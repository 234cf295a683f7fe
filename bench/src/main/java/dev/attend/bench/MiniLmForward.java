package dev.attend.bench;

import ai.onnxruntime.OrtException;
import dev.attend.core.Parallel;
import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.Models;
import dev.attend.model.registry.BuiltInModels;
import dev.attend.model.tokenize.TokenizedText;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.FloatBuffer;
import java.util.concurrent.TimeUnit;

/**
 * One all-MiniLM-L6-v2 forward pass over a text of n tokens: attend without capture, attend keeping every
 * layer's and head's attention weights, and ONNX Runtime on the same ONNX file, with the same thread count.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class MiniLmForward {
    private static final String MODEL = "minilm";

    @Param({"16", "128", "512"})
    public int n;

    /** Threads for one forward pass, in attend's pool and in ORT's intra-op pool alike. */
    @Param({"1", "2"})
    public int threads;

    private AttentionModel model;
    private TokenizedText text;
    private OrtForward ort;

    @Setup(Level.Trial)
    public void load() throws OrtException {
        // attend sizes its pool once, when the kernels first run; JMH runs every (benchmark, n, threads) in a
        // fresh fork, so setting the property before the model loads gives each fork its own count.
        System.setProperty("attend.threads", Integer.toString(threads));
        model = Models.load(MODEL);
        text = BenchmarkText.ofTokens(model.tokenizer(), n);
        ort = OrtForward.open(BuiltInModels.files(BuiltInModels.require(MODEL)).onnx(), text, threads);
        requireSameOutputs();
    }

    @Benchmark
    public AttentionTrace attend() {
        return model.trace(text, Capture.none());
    }

    @Benchmark
    public AttentionTrace attendCapturingAttention() {
        return model.trace(text, Capture.attention());
    }

    @Benchmark
    public FloatBuffer onnxRuntime() throws OrtException {
        return ort.lastHiddenState();
    }

    @TearDown(Level.Trial)
    public void close() throws OrtException {
        ort.close();
        model.close();
    }

    /** A speed comparison means nothing unless both compute the same thing, and on the thread count asked for. */
    private void requireSameOutputs() throws OrtException {
        if (Parallel.threads() != threads) {
            throw new IllegalStateException("attend runs on " + Parallel.threads() + " threads, not " + threads
                    + ": its pool was sized before this benchmark set -Dattend.threads (run with forks, not -f 0)");
        }
        SameOutputs.require(model, text, ort.lastHiddenState());
    }
}
