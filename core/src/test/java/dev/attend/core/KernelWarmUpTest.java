package dev.attend.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The warm-up only gets code compiled: it must run on both paths and leave every kernel's results as they were. */
class KernelWarmUpTest {

    @Test
    void runsOnBothPathsAndChangesNoResult() {
        Random random = new Random(3);
        float[] x = new float[13 * 70], w = new float[70 * 45];
        for (int i = 0; i < x.length; i++) x[i] = random.nextFloat() - 0.5f;
        for (int i = 0; i < w.length; i++) w[i] = random.nextFloat() - 0.5f;
        PackedMatrix packed = PackedMatrix.pack(MatrixView.of(w, 70, 45), false);
        float[] before = new float[13 * 45], after = new float[13 * 45];
        Gemm.multiply(MatrixView.of(x, 13, 70), packed, MatrixView.of(before, 13, 45), Epilogue.NONE);
        try {
            if (Kernels.vectorApiPresent()) {
                Kernels.useVectorised(true);
                KernelWarmUp.run(20);
            }
            Kernels.useVectorised(false);
            KernelWarmUp.run(20);
        } finally {
            Kernels.useDefault();
        }
        Gemm.multiply(MatrixView.of(x, 13, 70), packed, MatrixView.of(after, 13, 45), Epilogue.NONE);
        assertThat(after).containsExactly(before);
    }

    @Test
    void otherThreadsRunTheScalarPathUntilTheWarmUpIsDone() throws InterruptedException {
        assumeTrue(Kernels.vectorised(), "needs the Vector API path");
        boolean[] onWarmUpThread = new boolean[1];
        Thread warmUp = new Thread(() -> onWarmUpThread[0] = Kernels.vectorised());
        try {
            Kernels.warmingUpOn(warmUp);
            warmUp.start();
            warmUp.join();
            assertThat(onWarmUpThread[0]).as("the warm-up thread runs the vector kernels").isTrue();
            assertThat(Kernels.vectorised()).as("another thread, meanwhile").isFalse();
            assertThat(Kernels.describe()).endsWith("scalar until its kernels are compiled");
        } finally {
            Kernels.warmedUp();
        }
        assertThat(Kernels.vectorised()).isTrue();
    }

    @Test
    @Timeout(60)
    void stopsOnceTheRoundsStopGettingFaster() {
        assumeTrue(Kernels.vectorised(), "needs the Vector API path");
        KernelWarmUp.untilCompiled(); // returns: bounded by its round limit even if the clock never settles
    }
}
