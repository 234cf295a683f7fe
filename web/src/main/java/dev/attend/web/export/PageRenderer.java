package dev.attend.web.export;

import dev.attend.model.InputException;
import dev.attend.web.AttendServer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SVG and PNG files of a view, drawn by the page itself so they never drift from what the visualizer shows:
 * headless Chromium opens the view on a running {@link AttendServer} with {@code export=svg|png} in the URL, the
 * page runs its own export once the view is drawn and leaves the file's bytes in the DOM (app/main.js
 * publishExport), and the dumped DOM brings them back here.
 */
public final class PageRenderer {
    public enum Kind { svg, png }

    private static final Pattern PUBLISHED = Pattern.compile(
            "<script type=\"text/plain\" id=\"attend-export\" data-status=\"(ok|error)\">([A-Za-z0-9+/=]*)</script>");

    /**
     * Chromium runs the page until its virtual time budget is spent, and idle time is skipped: work that waits on
     * real time only (decoding the SVG into an image for a PNG) can still be pending when the DOM is dumped. Seen
     * once in a CI run on this machine; a fresh run publishes. So a dump without the export is retried.
     */
    private static final int ATTEMPTS = 3;

    private final AttendServer server;
    private final HeadlessChromium chromium;
    private final Duration timeout;

    public PageRenderer(AttendServer server, HeadlessChromium chromium, Duration timeout) {
        this.server = server;
        this.chromium = chromium;
        this.timeout = timeout;
    }

    /** The file's bytes; the page's own error (e.g. a text too long for the model) is an {@link InputException}. */
    public byte[] render(ViewRequest view, Kind kind) {
        for (int attempt = 1; ; attempt++) {
            Matcher published = PUBLISHED.matcher(chromium.dumpDom(server.url() + "/#" + view.fragment(kind.name()), timeout));
            if (published.find()) {
                byte[] bytes = Base64.getDecoder().decode(published.group(2));
                if (published.group(1).equals("error")) {
                    throw new InputException("the page could not draw the view: " + new String(bytes, StandardCharsets.UTF_8));
                }
                return bytes;
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException("the page did not publish the " + kind + " in " + ATTEMPTS
                        + " runs of Chromium (it settled before the view was drawn, or the page failed to start)");
            }
        }
    }
}
