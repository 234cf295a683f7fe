package dev.attend.web.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;

/** Render times measured by the end-to-end tests, written to target/render-times.txt (reported, not asserted). */
final class RenderTimes {
    private static final Map<String, String> TIMES = new TreeMap<>();

    private RenderTimes() {}

    /** @param pageMs the page's own timing (data fetches included); wallMs as the test saw it, action to done */
    static synchronized void record(String what, double pageMs, double wallMs) {
        TIMES.put(what, String.format(java.util.Locale.ROOT, "%-58s page %8.1f ms   wall %8.1f ms", what, pageMs, wallMs));
        StringBuilder out = new StringBuilder("# attend web: render times in headless Chromium ("
                + Runtime.getRuntime().availableProcessors() + " CPUs); page = measured in the page from the "
                + "state change to the drawn view, layer fetches included; wall = as the test saw it\n");
        TIMES.values().forEach(line -> out.append(line).append('\n'));
        try {
            Files.createDirectories(E2eEnvironment.TARGET);
            Files.writeString(E2eEnvironment.TARGET.resolve("render-times.txt"), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
