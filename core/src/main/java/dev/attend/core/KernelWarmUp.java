package dev.attend.core;

import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets the Vector API kernels compiled before the first forward pass needs them. Until C2 compiles them, Vector
 * API code runs interpreted or in C1, where every vector operation is a call and an allocation: MiniLM's first
 * forward pass took 2-5 s that way (0.3 s on the scalar kernels). {@link #startInBackground} runs every kernel a
 * few thousand times on tiny inputs on a daemon thread, started when a model begins to load, so the compiling
 * overlaps with reading the weights. Results do not depend on it: compiled and interpreted code compute the same.
 */
public final class KernelWarmUp {
    /** Calls of each kernel: enough for C2's thresholds (invocations + loop back-edges) on every one. */
    static final int ROUNDS = 1500;
    private static final int LOGITS = 72;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private KernelWarmUp() {}

    /** Starts the warm-up once per JVM, on the Vector API path only (the scalar kernels compile quickly in C1). */
    public static void startInBackground() {
        if (!Kernels.vectorised() || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> run(ROUNDS), "attend-kernel-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * {@code rounds} times: a packed GEMM with and without the bias + GELU epilogue (an edge row tile, an edge
     * panel, two k blocks), the attention GEMMs Q·Kᵀ and P·V, softmax with and without a logit scale, layer norm
     * with and without the residual. Every call is small enough to stay on this thread.
     */
    static void run(int rounds) {
        Random random = new Random(1);
        int rows = 12, k = 272, out = 40, dim = 384, d = 32;
        float[] x = values(random, rows * k);        // [rows, k]
        float[] bias = values(random, out);
        PackedMatrix w = PackedMatrix.pack(MatrixView.of(values(random, k * out), k, out), false); // [k, out]
        float[] y = new float[rows * out];           // [rows, out]
        float[] q = values(random, rows * d);        // [rows, d], also K and V
        float[] scores = new float[rows * rows];     // [rows, rows]
        float[] context = new float[rows * d];       // [rows, d]
        float[] logits = values(random, 4 * LOGITS);  // [4, LOGITS]
        float[] hidden = values(random, 2 * dim);    // [2, dim]
        float[] residual = values(random, 2 * dim);  // [2, dim]
        float[] gamma = values(random, dim), beta = values(random, dim), normed = new float[2 * dim];
        MatrixView qv = MatrixView.of(q, rows, d), sv = MatrixView.of(scores, rows, rows);
        for (int r = 0; r < rounds; r++) {
            Gemm.multiply(MatrixView.of(x, rows, k), w, MatrixView.of(y, rows, out),
                    r % 2 == 0 ? Epilogue.biasGelu(bias) : Epilogue.NONE);
            Gemm.multiply(qv, false, qv, true, sv, false);
            Softmax.row(logits, (r % 4) * LOGITS, LOGITS, r % 2 == 0 ? 0.125f : 1f);
            Gemm.multiply(sv, false, qv, false, MatrixView.of(context, rows, d), r % 3 == 0);
            LayerNorm.addAndApply(hidden, residual, 2, dim, gamma, beta, 1e-12f, normed);
            LayerNorm.apply(hidden, 2, dim, gamma, beta, 1e-12f, normed);
        }
    }

    private static float[] values(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextFloat() - 0.5f;
        }
        return values;
    }
}
