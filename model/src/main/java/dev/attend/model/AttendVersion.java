package dev.attend.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** attend's own version, as the build wrote it (for provenance in exports and the API). */
public final class AttendVersion {
    private static final String VERSION = read();

    private AttendVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = AttendVersion.class.getResourceAsStream("attend-version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
