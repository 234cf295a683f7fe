package dev.attend.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page, from the jar (no CDN): {@code /} is classpath {@code web/index.html}, every other file under
 * classpath {@code web/} (the ES modules in {@code web/app/}) is served at its path, and
 * {@code /vendor/d3.min.js} is D3 from its WebJar. Only classpath resources are served, never the file system.
 */
final class StaticAssets {
    static final String D3_RESOURCE = "META-INF/resources/webjars/d3/7.9.0/dist/d3.min.js";

    private StaticAssets() {}

    static void configure(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache");
        });
        byte[] d3 = resource(D3_RESOURCE);
        config.routes.get("/vendor/d3.min.js", ctx -> ctx.contentType("text/javascript; charset=utf-8")
                .header("Cache-Control", "max-age=86400").result(d3));
    }

    private static byte[] resource(String name) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is not on the class path (the D3 WebJar)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
