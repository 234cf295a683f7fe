package dev.attend.core;

import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets the Vector API kernels compiled without making anyone wait for it. Until C2 compiles them, Vector API code
 * runs interpreted or in C1, where every vector operation is a call and an allocation: MiniLM's first forward
 * pass took 0.5-0.8 s that way against ~0.12 s on the scalar kernels, which C1 compiles at once.
 * {@link #startInBackground} runs every kernel a thousand-odd times on tiny inputs on a daemon thread, started
 * when a model begins to load; meanwhile {@link Kernels#vectorised()} sends every other thread down the scalar
 * path, and once the rounds are done everything runs on the compiled Vector API kernels. The two paths agree to
 * float rounding (both are tested against the same double-precision references), so outputs computed in a
 * process's first second can differ from later ones in the last bits.
 */
public final class KernelWarmUp {
    /** Rounds between two looks at the clock. */
    private static final int BATCH = 100;
    /** Rounds before the first look: about C2's thresholds (invocations + loop back-edges) for every kernel. */
    private static final int MIN_ROUNDS = 1000;
    /** Rounds after which the warm-up stops whatever the clock says (a busy machine can blur it). */
    private static final int MAX_ROUNDS = 6000;
    private static final int LOGITS = 72;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private KernelWarmUp() {}

    /** Starts the warm-up once per JVM, on the Vector API path only (the scalar kernels compile quickly in C1). */
    public static void startInBackground() {
        if (!Kernels.vectorised() || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                untilCompiled();
            } finally {
                Kernels.warmedUp();
            }
        }, "attend-kernel-warm-up");
        thread.setDaemon(true);
        Kernels.warmingUpOn(thread);
        thread.start();
    }

    /**
     * Runs batches of rounds until their time stops falling: C2 compiles in the background and installs the code
     * some time after the thresholds are crossed, and switching the other threads over while a kernel is still
     * interpreted made a first forward pass take 1.2 s instead of 0.2 s. Interpreted and compiled rounds differ
     * ~20x, so two batches in a row no faster than 0.8x the one before mean the code is in.
     */
    static void untilCompiled() {
        long previous = Long.MAX_VALUE;
        int level = 0;
        for (int rounds = 0; rounds < MAX_ROUNDS; rounds += BATCH) {
            long start = System.nanoTime();
            run(BATCH);
            long took = System.nanoTime() - start;
            level = rounds >= MIN_ROUNDS && took * 5 >= previous * 4 ? level + 1 : 0;
            if (level == 2) {
                return;
            }
            previous = took;
        }
    }

    /**
     * {@code rounds} times: a packed GEMM with and without the bias + GELU epilogue (an edge row tile, an edge
     * panel, two k blocks), the attention GEMMs Q·Kᵀ and P·V, softmax with and without a logit scale, flash
     * attention's block steps (scale + maximum, shifted exponentials), layer norm with and without the residual.
     * Every call is small enough to stay on this thread.
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
            int block = ((r + 1) % 4) * LOGITS;
            Softmax.expShifted(logits, block, LOGITS, Softmax.scaleAndMax(logits, block, LOGITS, 1f));
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
