package dev.attend.model.registry;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CacheDirectoryTest {

    @Test
    void attendCacheComesFirst() {
        Map<String, String> environment = Map.of("ATTEND_CACHE", "/data/attend", "XDG_CACHE_HOME", "/xdg");

        assertThat(CacheDirectory.resolve(environment, "/home/ada")).isEqualTo(Path.of("/data/attend"));
    }

    @Test
    void xdgCacheHomeComesNext() {
        assertThat(CacheDirectory.resolve(Map.of("XDG_CACHE_HOME", "/xdg"), "/home/ada"))
                .isEqualTo(Path.of("/xdg/attend"));
    }

    @Test
    void otherwiseTheCacheFolderInTheUsersHome() {
        assertThat(CacheDirectory.resolve(Map.of("ATTEND_CACHE", " ", "XDG_CACHE_HOME", ""), "/home/ada"))
                .isEqualTo(Path.of("/home/ada/.cache/attend"));
    }
}
