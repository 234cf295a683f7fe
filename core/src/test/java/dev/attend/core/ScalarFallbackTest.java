package dev.attend.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scalar path in a JVM of its own: without the Vector API module, and with the module but forced off. */
class ScalarFallbackTest {

    private static String run(String... jvmOptions) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScalarFallbackMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void runsWithoutTheVectorModule() throws Exception {
        String output = run();
        assertThat(output).contains("vectorised=false", "jdk.incubator.vector is not in the boot layer", "ok");
    }

    @Test
    void canBeForcedWithTheModulePresentAndThreadsSet() throws Exception {
        String output = run("--add-modules", "jdk.incubator.vector", "-Dattend.kernels=scalar", "-Dattend.threads=3");
        assertThat(output).contains("vectorised=false", "forced by -Dattend.kernels=scalar", "threads=3", "ok");
    }

    @Test
    void describesTheActivePath() {
        if (Kernels.vectorApiPresent()) {
            Kernels.useVectorised(true);
            assertThat(Kernels.vectorised()).isTrue();
            assertThat(Kernels.describe()).startsWith("Vector API").contains("-bit vectors");
        }
        Kernels.useVectorised(false);
        assertThat(Kernels.vectorised()).isFalse();
        assertThat(Kernels.describe()).startsWith("scalar");
        Kernels.useDefault();
    }
}
