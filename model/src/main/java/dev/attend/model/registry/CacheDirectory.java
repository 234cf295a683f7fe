package dev.attend.model.registry;

import java.nio.file.Path;
import java.util.Map;

/** Where attend keeps files it extracts: $ATTEND_CACHE, else $XDG_CACHE_HOME/attend, else ~/.cache/attend. */
final class CacheDirectory {
    private CacheDirectory() {}

    static Path ofThisProcess() {
        return resolve(System.getenv(), System.getProperty("user.home"));
    }

    static Path resolve(Map<String, String> environment, String userHome) {
        String attendCache = environment.get("ATTEND_CACHE");
        if (attendCache != null && !attendCache.isBlank()) {
            return Path.of(attendCache);
        }
        String xdgCache = environment.get("XDG_CACHE_HOME");
        if (xdgCache != null && !xdgCache.isBlank()) {
            return Path.of(xdgCache, "attend");
        }
        return Path.of(userHome, ".cache", "attend");
    }
}
