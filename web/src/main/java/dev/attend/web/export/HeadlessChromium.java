package dev.attend.web.export;

import dev.attend.model.InputException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The system's Chromium (never a downloaded one), run headless on one local URL: it loads the page, lets it
 * fetch and draw (virtual time does not advance while requests are pending), and prints the DOM. Names other
 * than localhost and 127.0.0.1 do not resolve, and each run has a fresh profile that is deleted afterwards.
 */
public final class HeadlessChromium {
    static final String MISSING = "render to svg/png needs Chromium: install the Debian package 'chromium' "
            + "(apt-get install chromium)";
    private static final List<String> NAMES = List.of("chromium", "chromium-browser");
    /** Virtual milliseconds the page may spend on timers after its requests; idle time is skipped, not waited. */
    private static final int VIRTUAL_TIME_BUDGET_MS = 30_000;
    private static final String WINDOW_SIZE = "1400,1000";

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** $ATTEND_CHROMIUM when set, else chromium or chromium-browser on the PATH; none is an {@link InputException}. */
    public static HeadlessChromium find() {
        return locate().map(HeadlessChromium::new).orElseThrow(() -> new InputException(MISSING));
    }

    public static Optional<Path> locate() {
        String chosen = System.getenv("ATTEND_CHROMIUM");
        if (chosen != null && !chosen.isBlank()) return Optional.of(Path.of(chosen)).filter(Files::isExecutable);
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .flatMap(dir -> NAMES.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

    /** The DOM of {@code url} once the page has settled; a run longer than {@code timeout} is killed. */
    public String dumpDom(String url, Duration timeout) {
        Path profile = null;
        try {
            profile = Files.createTempDirectory("attend-chromium");
            Path dom = profile.resolve("dom.html");
            Path log = profile.resolve("chromium.log");
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
                    "--user-data-dir=" + profile.resolve("profile"), "--window-size=" + WINDOW_SIZE,
                    "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MS, "--dump-dom", url));
            Process chromium = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
            if (!chromium.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                chromium.descendants().forEach(ProcessHandle::destroyForcibly);
                chromium.destroyForcibly().waitFor();
                throw new InputException("Chromium did not finish drawing the view within " + timeout.toSeconds()
                        + " s (" + executable + "); a shorter text draws faster");
            }
            if (chromium.exitValue() != 0) {
                throw new InputException("Chromium (" + executable + ") failed with exit code " + chromium.exitValue()
                        + ": " + lastLine(log));
            }
            return Files.readString(dom, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Chromium was drawing the view", e);
        } finally {
            if (profile != null) deleteTree(profile);
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return lines.isEmpty() ? "no message" : lines.getLast();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
