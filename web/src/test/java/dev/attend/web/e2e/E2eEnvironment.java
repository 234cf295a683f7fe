package dev.attend.web.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import dev.attend.model.AttentionModel;
import dev.attend.model.Models;
import dev.attend.train.agreement.AgreementModel;
import dev.attend.web.AttendServer;
import dev.attend.web.ServerOptions;
import dev.attend.web.TestFolders;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every end-to-end test shares, started once per test JVM: an in-process {@link AttendServer} on a free
 * port, Playwright driving Debian's Chromium (never a downloaded browser), and the models themselves for
 * reference numbers. Without Chromium the tests are skipped locally and fail under CI ({@code CI=true}).
 */
final class E2eEnvironment {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("ATTEND_CHROMIUM", "/usr/bin/chromium"));
    static final Path TARGET = Path.of("target");
    /** The server's --runs folder: empty at start; tests write runs into it (the server reads it on every request). */
    static final Path RUNS = TARGET.resolve("e2e-runs");
    /** A classifier written by `attend train --task agreement --quick` (train's own TaskTraining), served as a model. */
    static final Path AGREEMENT = TARGET.resolve("e2e-models").resolve("agreement-e2e");
    static final String AGREEMENT_KEY = "agreement-e2e";
    private static final List<String> CHROMIUM_ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");

    private static E2eEnvironment shared;

    final AttendServer server;
    final Playwright playwright;
    final Browser browser;
    private final Map<String, AttentionModel> models = new ConcurrentHashMap<>();

    private E2eEnvironment() {
        TestFolders.deleteRecursively(RUNS);
        TestFolders.deleteRecursively(AGREEMENT.getParent());
        AgreementModel.train(AGREEMENT, 3, true);
        server = AttendServer.start(ServerOptions.defaults().withPort(0).withRunsDir(RUNS).withModelDirs(List.of(AGREEMENT))
                .withCacheBytes(256L << 20)); // the test JVM holds several servers; long texts still fit (95 MB at 512 tokens)
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(CHROMIUM_ARGS));
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    /** The shared environment; skips the calling test (fails it under CI) when Chromium is missing. */
    static synchronized E2eEnvironment get() {
        if (!Files.isExecutable(CHROMIUM)) {
            String message = "end-to-end tests need Chromium at " + CHROMIUM + " (apt-get install -y chromium, "
                    + "or set ATTEND_CHROMIUM)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException(message);
            Assumptions.abort(message);
        }
        if (shared == null) shared = new E2eEnvironment();
        return shared;
    }

    String url() {
        return server.url();
    }

    /** The same model the server runs, loaded here for reference numbers. */
    AttentionModel model(String key) {
        return models.computeIfAbsent(key, Models::load);
    }

    /** A text of exactly {@code n} MiniLM/BGE tokens: [CLS], n - 2 one-token words, [SEP]. */
    static String textOfTokens(int n) {
        String[] words = "the cat sat on the mat because it was tired".split(" ");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n - 2; i++) text.append(i == 0 ? "" : " ").append(words[i % words.length]);
        return text.toString();
    }

    private void close() {
        browser.close();
        playwright.close();
        server.close();
        models.values().forEach(AttentionModel::close);
    }
}
