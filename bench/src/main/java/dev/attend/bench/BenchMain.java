package dev.attend.bench;

import dev.attend.bench.gemm.GemmRace;
import dev.attend.bench.heads.HeadsRace;
import dev.attend.bench.scaling.ScalingRun;

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
            case "scaling" -> ScalingRun.main(options.scalingArgs().toArray(String[]::new));
            default -> {
                System.err.println("attend: bench: unknown benchmark '" + what + "' (forward, heads, gemm or scaling)");
                System.exit(2);
            }
        }
    }
}
