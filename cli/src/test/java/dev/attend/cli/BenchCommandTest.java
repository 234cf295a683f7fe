package dev.attend.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * attend bench runs the bench module in a child JVM. The quick run measures nothing; it checks that the whole
 * chain works: the module is found (and built by the reactor before this test), ONNX Runtime and attend agree
 * on the outputs (the race refuses to time them otherwise) and the table comes back through attend's output.
 */
class BenchCommandTest {

    @Test
    void quickForwardPrintsTheTableWithTheMachine() {
        CliRun run = CliRun.of("bench", "forward", "--quick", "--threads", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("CPU:", "JDK:", "ONNX Runtime 1.23.2", "load:")
                .contains("| n | threads | attend ms | ORT ms | attend / ORT |");
        for (int n : new int[] {16, 128, 512}) {
            assertThat(run.out()).containsPattern("\\| " + n + " \\| 1 \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|");
        }
        assertThat(run.out()).doesNotContain("| 16 | 2 |");
    }

    @Test
    void badArgumentsExitWith2AndOneLine() {
        for (String[] args : new String[][] {{"bench", "speed"}, {"bench", "--rounds", "0"}, {"bench", "--threads", "0"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err().strip().lines()).hasSize(1);
            assertThat(run.err()).startsWith("attend: ").doesNotContain("Exception");
            assertThat(run.out()).isEmpty();
        }
    }
}
