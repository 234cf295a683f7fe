package dev.attend.cli;

import dev.attend.model.InputException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bench module of the source tree attend runs from: where it is, whether it needs building, and the java
 * command line of its entry point. It is never part of attend's own jars (it carries ONNX Runtime), so
 * {@code attend bench} builds it on demand, as {@code bench/run.sh} does, and runs it in a child JVM.
 */
final class BenchModule {
    /** The modules the benchmarks are compiled from; a source newer than the last build means build again. */
    private static final List<String> SOURCES = List.of("core", "model", "analysis", "bench");
    private static final String ENTRY_POINT = "dev.attend.bench.BenchMain";

    private final Path root;

    private BenchModule(Path root) {
        this.root = root;
    }

    /** The source tree holding this class's jar or classes folder (cli/target/...), or an InputException. */
    static BenchModule locate() {
        Path here;
        try {
            here = Path.of(BenchModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new InputException("attend bench cannot tell where attend runs from; run it as ./attend bench in a clone of attend");
        }
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bench/pom.xml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return new BenchModule(dir);
            }
        }
        throw new InputException("attend bench needs attend's source tree (bench/ and mvnw), and " + here
                + " is not inside one; run ./attend bench in a clone of attend");
    }

    Path root() {
        return root;
    }

    private Path stamp() {
        return root.resolve("bench/target/classes/META-INF/BenchmarkList"); // JMH's processor writes it at compile
    }

    /** True when the bench classes are missing or older than a source or pom they are built from. */
    boolean needsBuild() {
        if (!Files.isRegularFile(stamp()) || !Files.isDirectory(root.resolve("bench/target/lib"))) {
            return true;
        }
        try {
            FileTime built = Files.getLastModifiedTime(stamp());
            if (Files.getLastModifiedTime(root.resolve("pom.xml")).compareTo(built) > 0) {
                return true;
            }
            for (String module : SOURCES) {
                if (newerThan(root.resolve(module + "/pom.xml"), built) || newerThan(root.resolve(module + "/src/main"), built)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean newerThan(Path path, FileTime built) throws IOException {
        if (!Files.exists(path)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.anyMatch(file -> {
                try {
                    return Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(built) > 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * {@code ./mvnw -q -B -DskipTests -pl bench -am package} (tests compiled, not run: the bench uses model's
     * test helpers), its output in a log file; an InputException with the log's last lines when it fails.
     */
    void build() throws IOException, InterruptedException {
        Path log = Files.createTempFile("attend-bench-build", ".log");
        Process maven = new ProcessBuilder(root.resolve("mvnw").toString(), "-q", "-B", "-DskipTests", "-pl", "bench",
                "-am", "package")
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (maven.waitFor() != 0) {
            List<String> lines = Files.readAllLines(log);
            String last = lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
            throw new InputException("building the benchmarks failed (" + last + "); the whole log is " + log);
        }
        Files.setLastModifiedTime(stamp(), FileTime.fromMillis(System.currentTimeMillis()));
        Files.delete(log);
    }

    /**
     * The child JVM's command: this JVM's java, attend's JVM flags, the bench class path, the arguments; and this
     * JVM's class path, with which {@code bench heads} runs {@code attend heads} as a whole process.
     */
    List<String> command(List<String> arguments) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true",
                "-Dattend.cli.classpath=" + System.getProperty("java.class.path"),
                "-cp", root.resolve("bench/target/classes") + File.pathSeparator + root.resolve("bench/target/lib/*"),
                ENTRY_POINT));
        command.addAll(arguments);
        return command;
    }
}
