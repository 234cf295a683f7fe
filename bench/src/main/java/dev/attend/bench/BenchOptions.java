package dev.attend.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The options every bench program takes after its name: {@code --quick} (one short round, a smoke test),
 * {@code --threads 1,2}, {@code --rounds N} (measured rounds), {@code --out DIR} (where scaling writes).
 */
public record BenchOptions(boolean quick, int[] threads, int rounds, Path out) {

    static final int DEFAULT_ROUNDS = 20;

    /** Thrown for options that do not parse; BenchMain prints the message and exits with 2. */
    public static final class BadOption extends RuntimeException {
        BadOption(String message) {
            super(message);
        }
    }

    public static BenchOptions parse(List<String> args) {
        boolean quick = false;
        int[] threads = {1, 2};
        int rounds = DEFAULT_ROUNDS;
        Path out = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--quick" -> quick = true;
                case "--threads" -> threads = threads(value(args, ++i, arg));
                case "--rounds" -> rounds = positive(value(args, ++i, arg), arg);
                case "--out" -> out = Path.of(value(args, ++i, arg));
                default -> throw new BadOption("unknown option " + arg + " (options: --quick, --threads 1,2, --rounds N, --out DIR)");
            }
        }
        return new BenchOptions(quick, threads, quick ? 1 : rounds, out);
    }

    /** Seconds of warm-up before measuring one case. */
    public double warmUpSeconds() {
        return quick ? 0 : 2;
    }

    /** Seconds one measured round of one case lasts. */
    public double roundSeconds() {
        return quick ? 0.01 : 0.25;
    }

    /** The arguments as given back, for a child JVM (scaling has its own parser). */
    List<String> scalingArgs() {
        List<String> args = new ArrayList<>();
        if (out != null) {
            args.addAll(List.of("--out", out.toString()));
        }
        if (quick) {
            args.add("--quick");
        }
        return args;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new BadOption(option + " needs a value");
        }
        return args.get(i);
    }

    private static int positive(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadOption(option + " must be a positive integer, not '" + value + "'");
    }

    private static int[] threads(String value) {
        int[] counts = Arrays.stream(value.split(",")).mapToInt(v -> positive(v.trim(), "--threads")).toArray();
        if (counts.length == 0) {
            throw new BadOption("--threads needs at least one count, e.g. 1,2");
        }
        return counts;
    }
}
