package dev.attend.bench;

import dev.attend.bench.gemm.GemmRace;
import dev.attend.bench.heads.HeadsRace;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point {@code ./attend bench} runs in a child JVM on the bench module's class path:
 * {@code BenchMain forward|heads|gemm|scaling [--quick] [--threads 1,2] [--rounds N] [--out DIR]}.
 * Exit code 2 with one line for arguments it cannot use.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "forward" : args[0];
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        BenchOptions options;
        try {
            options = BenchOptions.parse(rest);
        } catch (BenchOptions.BadOption e) {
            System.err.println("attend: bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        switch (what) {
            case "forward" -> ForwardRace.run(options);
            case "heads" -> HeadsRace.run(options);
            case "gemm" -> GemmRace.run(options);
            case "scaling" -> scaling(options);
            default -> {
                System.err.println("attend: bench: unknown benchmark '" + what + "' (forward, heads, gemm or scaling)");
                System.exit(2);
            }
        }
    }

    private static void scaling(BenchOptions options) throws Exception {
        Class<?> scaling;
        try {
            scaling = Class.forName("dev.attend.bench.scaling.ScalingRun");
        } catch (ClassNotFoundException e) {
            System.err.println("attend: bench scaling is not part of this build yet (dev.attend.bench.scaling.ScalingRun)");
            System.exit(2);
            return;
        }
        try {
            scaling.getMethod("main", String[].class).invoke(null, (Object) options.scalingArgs().toArray(String[]::new));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
