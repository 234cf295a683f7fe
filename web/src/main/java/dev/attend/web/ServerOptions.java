package dev.attend.web;

import java.nio.file.Path;
import java.util.List;

/**
 * How an {@link AttendServer} runs: the address it binds, the model folders it offers beside the built-in
 * models, the folder of training runs it shows (null: none), how many bytes of traces it keeps, and how many
 * forward passes it admits at once ({@code running} at a time, {@code queued} more waiting; beyond that a
 * request gets 503).
 */
public record ServerOptions(String host, int port, List<Path> modelDirs, Path runsDir, long cacheBytes, int running,
                            int queued) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7860;

    public ServerOptions {
        modelDirs = List.copyOf(modelDirs);
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port " + port + " is not 0..65535");
        if (cacheBytes < 0) throw new IllegalArgumentException("cache size " + cacheBytes + " is negative");
        if (running < 1 || queued < 0) throw new IllegalArgumentException("admission " + running + "+" + queued);
    }

    /** 127.0.0.1:7860, built-in models only, no runs, 512 MB of traces, 2 forward passes running and 30 waiting. */
    public static ServerOptions defaults() {
        return new ServerOptions(DEFAULT_HOST, DEFAULT_PORT, List.of(), null, 512L << 20, 2, 30);
    }

    public ServerOptions withHost(String newHost) {
        return new ServerOptions(newHost, port, modelDirs, runsDir, cacheBytes, running, queued);
    }

    /** 0 picks a free port; {@link AttendServer#port()} tells which. */
    public ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, modelDirs, runsDir, cacheBytes, running, queued);
    }

    public ServerOptions withModelDirs(List<Path> dirs) {
        return new ServerOptions(host, port, dirs, runsDir, cacheBytes, running, queued);
    }

    /** A folder of training runs (each an {@code attend train --out} folder), or a run folder itself; null: none. */
    public ServerOptions withRunsDir(Path dir) {
        return new ServerOptions(host, port, modelDirs, dir, cacheBytes, running, queued);
    }

    public ServerOptions withCacheBytes(long bytes) {
        return new ServerOptions(host, port, modelDirs, runsDir, bytes, running, queued);
    }

    public ServerOptions withAdmission(int newRunning, int newQueued) {
        return new ServerOptions(host, port, modelDirs, runsDir, cacheBytes, newRunning, newQueued);
    }
}
