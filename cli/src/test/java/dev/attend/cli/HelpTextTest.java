package dev.attend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The help reads as written: picocli lists each command by the first line of its description, and re-wraps any
 * line wider than the usage width on its own (a ragged paragraph, an example split mid-word).
 */
class HelpTextTest {

    @Test
    void everyCommandIsListedByACompleteSentence() {
        List<String> cut = new ArrayList<>();
        for (CommandLine command : commands()) {
            String[] description = command.getCommandSpec().usageMessage().description();
            String first = description.length == 0 ? "" : description[0].strip();
            if (!(first.endsWith(".") || first.endsWith("?"))) {
                cut.add(command.getCommandSpec().qualifiedName() + ": " + first);
            }
        }
        assertThat(cut).as("first description lines that stop mid-sentence").isEmpty();
    }

    @Test
    void descriptionsAndExamplesFitTheUsageWidth() {
        List<String> wide = new ArrayList<>();
        for (CommandLine command : commands()) {
            UsageMessageSpec usage = command.getCommandSpec().usageMessage();
            List<String> lines = new ArrayList<>(List.of(usage.description()));
            lines.addAll(List.of(usage.footer()));
            for (String line : lines) {
                String shown = String.format(line);
                if (shown.length() > usage.width()) {
                    wide.add(command.getCommandSpec().qualifiedName() + ": " + shown);
                }
            }
        }
        assertThat(wide).as("lines wider than the usage width").isEmpty();
    }

    /** Every attend command and subcommand except picocli's own help command. */
    private static List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        collect(AttendCommand.commandLine(null), all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        if (command.getCommand() instanceof CommandLine.HelpCommand) {
            return;
        }
        all.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, all));
    }
}
