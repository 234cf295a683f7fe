package dev.attend.web;

import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.InputException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.util.JavalinBindException;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local visualizer: the page and its API on one address, the default model loaded before the first
 * request. {@code AttendServer.start(ServerOptions.defaults().withPort(0))} serves on a free port of 127.0.0.1.
 */
public final class AttendServer implements AutoCloseable {
    private static final int MAX_THREADS = 32;
    private static final int MAX_QUEUED_CONNECTIONS = 256;
    private static final long MAX_REQUEST_BYTES = 1 << 20;

    private final ServerOptions options;
    private final ModelCatalog models;
    private final ForwardPassGate gate;
    private final ImportanceJobs importance = new ImportanceJobs();
    private final Javalin app;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private AttendServer(ServerOptions options) {
        this.options = options;
        this.models = new ModelCatalog(options.modelDirs());
        this.gate = new ForwardPassGate(options.running(), options.queued());
        HostGuard guard = new HostGuard(options.host(), this::port);
        ApiRoutes api = new ApiRoutes(models, new TraceCache(options.cacheBytes()), gate, importance);
        RunRoutes runs = new RunRoutes(new TrainingRuns(options.runsDir()));
        this.app = Javalin.create(config -> {
            configureJetty(config);
            config.routes.before(ctx -> {
                SecurityHeaders.apply(ctx);
                guard.check(ctx.header("Host"), ctx.header("Origin"));
            });
            StaticAssets.configure(config);
            api.register(config.routes);
            runs.register(config.routes);
            ErrorResponses.register(config.routes);
        });
    }

    /**
     * Listens on {@code options.host():options.port()} and returns once the default model is loaded; the other
     * models load in the background. An address that cannot be bound (port in use) is an {@link InputException}.
     */
    public static AttendServer start(ServerOptions options) {
        AttendServer server = new AttendServer(options);
        try {
            server.app.start(options.host(), options.port());
        } catch (JavalinBindException e) {
            server.importance.close();
            server.models.close();
            throw new InputException("cannot listen on " + options.host() + ":" + options.port() + " ("
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()) + "); choose another port");
        }
        try {
            server.models.get(server.models.defaultKey());
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        server.models.warmUp();
        return server;
    }

    /** The port it listens on (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    /** Where the page is, e.g. http://127.0.0.1:7860. */
    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port();
    }

    /** The model the server offers under {@code key} (loaded on first use), to run in this process too. */
    public AttentionModel model(String key) {
        return models.get(key);
    }

    /**
     * TEXT (and TEXT_B; null: none) through the model offered under {@code key}, as POST /api/trace runs it: a BERT
     * model's attention, or a model trained here (one text of its task's words).
     */
    public AttentionTrace trace(String key, String text, String textB) {
        return models.trace(key, text, textB, Capture.attention());
    }

    /** The key the page and API use for a folder of {@link ServerOptions#modelDirs()}. */
    public String modelKey(Path modelDir) {
        return models.keyOf(modelDir);
    }

    /** Blocks until {@link #stop} is called (from another thread or a shutdown hook). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public synchronized void stop() {
        if (stopped.getCount() == 0) return;
        app.stop();
        importance.close();
        models.close();
        stopped.countDown();
    }

    @Override
    public void close() {
        stop();
    }

    /** The admission of forward passes; tests fill it to see the 503. */
    ForwardPassGate gate() {
        return gate;
    }

    private static void configureJetty(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.concurrency.useVirtualThreads = false;
        config.jetty.threadPool = new QueuedThreadPool(MAX_THREADS, 4, 60_000,
                new BlockingArrayQueue<>(64, 64, MAX_QUEUED_CONNECTIONS));
        config.http.maxRequestSize = MAX_REQUEST_BYTES;
        // a local server: gzip of float32 weights saves ~6% of the bytes and costs 5x the time (12.6 MB: 0.68 s vs 0.12 s)
        config.http.compressionStrategy = CompressionStrategy.NONE;
    }
}
