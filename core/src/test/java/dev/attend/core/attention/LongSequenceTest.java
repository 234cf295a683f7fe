package dev.attend.core.attention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * n = 16,384 keys, d = 64, one head, in a JVM with a 256 MiB heap: an [n, n] float matrix alone would take
 * 1 GiB, so only a path with O(n·d) memory can pass. (n = 65,536 with -Xmx2g takes too long for a unit test on
 * two cores; the scaling program in bench runs it.)
 */
class LongSequenceTest {

    @Test
    void sixteenThousandKeysRunInAHeapTooSmallForTheWeights() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), LongSequenceMain.class.getName(), "16384", "64"))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("[n, n] float matrix MiB=1024", "ok");
    }
}
