package dev.attend.bench;

/** Times repeated calls of one piece of work, in rounds of a fixed number of calls. */
public final class Stopwatch {
    private Stopwatch() {}

    /** The measured work; may throw (ONNX Runtime's calls do). */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Mean milliseconds per call over {@code calls} calls. */
    public static double millisPerCall(Work work, int calls) throws Exception {
        long start = System.nanoTime();
        for (int c = 0; c < calls; c++) {
            work.run();
        }
        return (System.nanoTime() - start) / 1e6 / calls;
    }

    /**
     * Runs the work for about {@code seconds} (at least twice) and returns how many calls make one round of
     * about {@code roundSeconds}, from the median time of the second half of the calls made.
     */
    public static int warmUp(Work work, double seconds, double roundSeconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        java.util.List<Double> nanos = new java.util.ArrayList<>();
        do {
            long before = System.nanoTime();
            work.run();
            nanos.add((double) (System.nanoTime() - before));
        } while (System.nanoTime() < end || nanos.size() < 2);
        double[] late = nanos.subList(nanos.size() / 2, nanos.size()).stream().mapToDouble(Double::doubleValue).toArray();
        double perCall = Math.max(1, Samples.of(late).median());
        return (int) Math.max(1, Math.min(100_000, Math.round(roundSeconds * 1e9 / perCall)));
    }
}
