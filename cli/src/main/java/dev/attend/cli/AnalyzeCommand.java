package dev.attend.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Measure what attention explains and what it does not (docs/analysis.md).", ""},
        subcommands = {AnalyzeExplainCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend analyze explain --out runs/explain-minilm",
                "  attend help analyze explain"})
public final class AnalyzeCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
