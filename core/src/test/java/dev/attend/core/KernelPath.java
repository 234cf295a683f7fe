package dev.attend.core;

import org.junit.jupiter.api.Assumptions;

/** Test helper: run a test on the Vector API path or on the scalar path. */
final class KernelPath {
    private KernelPath() {}

    /** Selects the path (skips the test when the vector path is asked for but the module is absent). */
    static void use(boolean vectorised) {
        Assumptions.assumeTrue(!vectorised || Kernels.vectorApiPresent(), "jdk.incubator.vector not present");
        Kernels.useVectorised(vectorised);
    }

    static void reset() {
        Kernels.useDefault();
    }
}
