package dev.attend.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ServeCommandTest {

    @Test
    void servesOnAFreePortAndSaysWhere() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ServeCommand());
        cli.setOut(new PrintWriter(out, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serving = Thread.ofPlatform().start(() -> exit.set(cli.execute("--port", "0")));
        Pattern line = Pattern.compile("attend is serving http://127\\.0\\.0\\.1:(\\d+) \\(Ctrl-C to stop\\)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Matcher m = line.matcher(out.toString());
        while (!m.find() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            m = line.matcher(out.toString());
        }
        assertThat(m.find(0)).as(out.toString()).isTrue();

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + m.group(1) + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"status\":\"ok\"");

        serving.interrupt();
        serving.join(30_000);
        assertThat(exit.get()).isZero();
    }

    @Test
    void aPortInUseIsOneLineAndExitCode2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("serve", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().strip()).startsWith("attend: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("\n");
        }
    }

    @Test
    void aModelDirThatIsNoFolderIsExitCode2() {
        CliRun run = CliRun.of("serve", "--port", "0", "--model-dir", Path.of("no", "such", "folder").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--model-dir").contains("is not a folder");
    }

    @Test
    void runsThatIsNoFolderIsExitCode2() {
        CliRun run = CliRun.of("serve", "--port", "0", "--runs", Path.of("no", "such", "runs").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--runs").contains("is not a folder").doesNotContain("\tat ");
    }

    @Test
    void isListedInTheHelp() {
        assertThat(CliRun.of("--help").out()).contains("serve").contains("attend serve");
        assertThat(CliRun.of("serve", "--help").out()).contains("--port").contains("--host").contains("--model-dir")
                .contains("--runs");
    }
}
