package dev.attend.cli;

import dev.attend.analysis.importance.HeadImportance;
import dev.attend.analysis.importance.ImportanceReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "importance", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Head importance: how much the model's loss depends on each head.",
                "",
                "Michel et al. 2019: I_h = E|∂L/∂ξ_h|, where ξ_h multiplies head h's output",
                "and L is the model's own kind of loss, found with a backward pass through",
                "the encoder; normalised per layer (l2).",
                "",
                "MiniLM, bge-small and other BERT models: L is contrastive (InfoNCE, τ 0.05).",
                "Each sentence must find its copy (short words dropped, order kept) among its",
                "batch's copies and the batch's sentences with their words shuffled, each",
                "embedded with the model's pooling. The corpus is shuffled with --seed and",
                "split in halves: importance uses the first (`analyze prune` measures on the",
                "second).",
                "",
                "A model trained here (a run or checkpoint folder of `attend train --task",
                "coref|agreement`): L is its task's cross-entropy per example, on the task's",
                "validation sentences.",
                "",
                "Writes DIR/results.json {\"importance\": [[I per head] per layer], ...},",
                "importance.csv and importance.png/.svg (a layers × heads heatmap).",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend analyze importance --out runs/importance",
                "  attend analyze importance --model bge-small --input corpus.txt --batch 32 \\",
                "      --out runs/bge",
                "  attend analyze importance --model runs/coref --out runs/coref-importance"})
public final class AnalyzeImportanceCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    AnalysisCorpus corpus;

    @Override
    public Integer call() throws Exception {
        try (AnalysisSubject subject = AnalysisSubject.open(model, corpus)) {
            ImportanceReport.write(corpus.out, subject.settings(), subject.importance());
            printSummary(subject.importance());
        }
        System.out.println("wrote " + corpus.out.resolve("results.json") + ", importance.csv, importance.png/.svg");
        return 0;
    }

    static void printSummary(HeadImportance importance) {
        List<HeadImportance.Head> ascending = importance.ascending();
        StringBuilder most = new StringBuilder(), least = new StringBuilder();
        for (int i = 0; i < Math.min(5, ascending.size()); i++) {
            HeadImportance.Head top = ascending.get(ascending.size() - 1 - i), bottom = ascending.get(i);
            most.append(String.format(" %d.%d (%.2f)", top.layer(), top.head(), top.importance()));
            least.append(String.format(" %d.%d (%.2f)", bottom.layer(), bottom.head(), bottom.importance()));
        }
        System.out.println("most important heads (layer.head):" + most);
        System.out.println("least important heads:" + least);
    }
}
