package dev.attend.core;

/**
 * Which implementation of the kernels runs: the Vector API path ({@code jdk.incubator.vector}, when the module is in
 * the boot layer) or the scalar fallback. {@code -Dattend.kernels=scalar} forces the scalar path, for comparison.
 * Vector API code lives in its own classes ({@code Vector...}) that the scalar path never touches, so the scalar
 * path runs on a JVM started without {@code --add-modules jdk.incubator.vector}.
 */
public final class Kernels {
    private Kernels() {}

    private static final boolean VECTOR_API_PRESENT =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final boolean SCALAR_FORCED = "scalar".equalsIgnoreCase(System.getProperty("attend.kernels"));

    /**
     * Width of the column panels B is packed into: two vectors on the Vector API path. It depends on the hardware
     * only, not on the chosen path, so one packed matrix serves both paths.
     */
    static final int PANEL_WIDTH = VECTOR_API_PRESENT ? VectorGemm.PANEL_WIDTH : 32;

    private static final boolean VECTORISED_BY_DEFAULT = VECTOR_API_PRESENT && !SCALAR_FORCED;
    private static volatile boolean vectorised = VECTORISED_BY_DEFAULT;
    /** The thread compiling the Vector API kernels ({@link KernelWarmUp}); null once they are compiled. */
    private static volatile Thread warmingUp;

    /**
     * True when the kernels run on the Vector API on this thread. While {@link KernelWarmUp} is still getting them
     * compiled, every other thread runs the scalar path: Vector API code that C2 has not compiled yet is ~50x
     * slower than the scalar loops, which C1 compiles at once.
     */
    public static boolean vectorised() {
        Thread compiling = warmingUp;
        return vectorised && (compiling == null || compiling == Thread.currentThread());
    }

    /** One line for logs and {@code --verbose} output, e.g. "Vector API, 512-bit vectors (16 floats)". */
    public static String describe() {
        if (vectorised) {
            return "Vector API, " + VectorMath.SPECIES.vectorBitSize() + "-bit vectors ("
                    + VectorMath.SPECIES.length() + " floats)"
                    + (warmingUp == null ? "" : "; scalar until its kernels are compiled");
        }
        return VECTOR_API_PRESENT
                ? "scalar (forced by -Dattend.kernels=scalar)"
                : "scalar (jdk.incubator.vector is not in the boot layer; add --add-modules jdk.incubator.vector)";
    }

    /** {@code thread} compiles the Vector API kernels; other threads take the scalar path until {@link #warmedUp}. */
    static void warmingUpOn(Thread thread) {
        warmingUp = thread;
    }

    static void warmedUp() {
        warmingUp = null;
    }

    /** Test hook: switch paths. Turning the vector path on needs the module. */
    static void useVectorised(boolean on) {
        if (on && !VECTOR_API_PRESENT) {
            throw new IllegalStateException("jdk.incubator.vector is not in the boot layer");
        }
        vectorised = on;
    }

    /** Test hook: back to the path chosen at startup. */
    static void useDefault() {
        vectorised = VECTORISED_BY_DEFAULT;
    }

    static boolean vectorApiPresent() {
        return VECTOR_API_PRESENT;
    }
}
