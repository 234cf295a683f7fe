package dev.attend.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Measure which attention heads matter and what attention explains.", "",
                "Method, objectives and measured results: docs/analysis.md.", ""},
        subcommands = {AnalyzeImportanceCommand.class, AnalyzePruneCommand.class, AnalyzeExplainCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend analyze importance --out runs/importance-minilm",
                "  attend analyze prune --model bge-small --input corpus.txt --out runs/prune-bge",
                "  attend analyze explain --out runs/explain-minilm",
                "  attend help analyze prune"})
public final class AnalyzeCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
