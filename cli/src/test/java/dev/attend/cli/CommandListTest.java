package dev.attend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only the named subcommand is built for a run, so every way of reaching the others must still find them. */
class CommandListTest {

    @Test
    void topLevelUsageListsEveryCommand() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("analyze", "attention", "embed", "heads", "render", "bench", "serve", "train",
                "experiment", "help");
    }

    @Test
    void helpReachesASubcommand() {
        CliRun run = CliRun.of("help", "heads");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: attend heads");
    }

    @Test
    void aSubcommandAloneParsesItsOwnOptions() {
        CliRun run = CliRun.of("heads", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: attend heads").contains("--input");
    }

    @Test
    void aMisspeltCommandIsBadInput() {
        CliRun.of("hedas").assertRejected("hedas");
    }
}
