package dev.attend.cli;

import dev.attend.model.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Measures attend against ONNX Runtime on this machine.", "",
                "Prints tables with the ratios:", "",
                "  forward  a MiniLM forward pass at n = 16, 128, 512 tokens: attend, ONNX",
                "           Runtime and attend keeping every attention weight, alternating",
                "           in rounds; medians, ratio and its 10th-90th percentile",
                "  heads    ./attend heads against an ONNX Runtime program computing the",
                "           same statistics; start-up, steady state, whole processes",
                "  gemm     GEMM GFLOP/s on MiniLM's shapes against an FMA roof probe",
                "  scaling  time and memory of attention vs n, as pictures", "",
                "The benchmarks live in bench/ (they need ONNX Runtime, which attend's jars",
                "do not carry); the first run builds them with ./mvnw (a minute). Run on a",
                "quiet machine: the tables print the CPU, JDK, ORT version and the load.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend bench                       (forward: about 3 minutes)",
                "  attend bench gemm --threads 1,2",
                "  attend bench forward --rounds 40   (more rounds, a tighter spread)",
                "  attend bench heads --quick         (a smoke test: one short round of all)",
                "  attend bench scaling --out docs/performance"})
public final class BenchCommand implements Callable<Integer> {

    enum Benchmark { forward, heads, gemm, scaling }

    @Parameters(index = "0", arity = "0..1", paramLabel = "BENCHMARK", defaultValue = "forward",
            description = "forward, heads, gemm or scaling. Default: ${DEFAULT-VALUE}.")
    Benchmark benchmark;

    @Option(names = "--quick", description = "One short round of everything: checks the benchmark runs, measures nothing.")
    boolean quick;

    @Option(names = "--threads", paramLabel = "LIST", defaultValue = "1,2", split = ",",
            description = "Thread counts to measure, for attend and ONNX Runtime alike. Default: ${DEFAULT-VALUE}.")
    List<Integer> threads;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "20",
            description = "Measured rounds per case (forward, heads, gemm). Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--out", paramLabel = "DIR", description = "Where scaling writes its pictures. Default: docs/performance.")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (rounds < 1) throw new InputException("--rounds must be at least 1, not " + rounds);
        if (threads.stream().anyMatch(t -> t < 1)) throw new InputException("--threads takes counts of at least 1, e.g. 1,2");
        List<String> arguments = new ArrayList<>(List.of(benchmark.name(), "--rounds", Integer.toString(rounds),
                "--threads", String.join(",", threads.stream().map(String::valueOf).toList())));
        if (quick) arguments.add("--quick");
        if (out != null) arguments.addAll(List.of("--out", out.toAbsolutePath().toString()));
        BenchModule bench = BenchModule.locate();
        if (bench.needsBuild()) {
            System.err.println("building the benchmarks… (first run, or the sources changed; this takes a minute)");
            bench.build();
        }
        Process child = new ProcessBuilder(bench.command(arguments)).directory(bench.root().toFile()).start();
        child.getOutputStream().close();
        Thread err = copy(child.getErrorStream(), System.err);
        copy(child.getInputStream(), System.out).join();
        err.join();
        return child.waitFor();
    }

    /** Forwards the child's output as it comes (System.out may be a test's capture, so not inheritIO). */
    private static Thread copy(InputStream from, OutputStream to) {
        Thread thread = new Thread(() -> {
            try {
                byte[] buffer = new byte[8192];
                for (int read; (read = from.read(buffer)) > 0; ) {
                    to.write(buffer, 0, read);
                    to.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "attend-bench-output");
        thread.start();
        return thread;
    }
}
