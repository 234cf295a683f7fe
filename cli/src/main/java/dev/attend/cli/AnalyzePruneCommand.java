package dev.attend.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.analysis.importance.PruningCurve;
import dev.attend.analysis.importance.PruningReport;
import dev.attend.model.InputException;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "prune", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Pruning curves: switch heads off 10 %% at a time and measure what is left.",
                "",
                "Michel et al. 2019.",
                "",
                "Orders: importance (least important first, as `analyze importance` finds on",
                "the first half of the corpus), reverse (most important first) and random",
                "(--random-orders shuffles: mean, spread and range). The metric is measured on",
                "the other half with the engine's forward: top-1 retrieval of each sentence's",
                "copy among its batch's copies and shuffles; for a coref or agreement model",
                "trained here, accuracy on the task's test sentences. Drift is the mean",
                "‖H − H₀‖/‖H₀‖ of the last hidden state against the unpruned model.",
                "",
                "Writes DIR/results.json {\"metric_name\", \"curve\": [{\"order\",",
                "\"fraction_pruned\", \"metric\", \"drift\"}, ...], ...}, prune.csv,",
                "prune.png/.svg and prune-drift.png/.svg.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend analyze prune --out runs/prune",
                "  attend analyze prune --model bge-small --input corpus.txt --random-orders 10 \\",
                "      --out runs/prune-bge",
                "  attend analyze prune --model runs/coref --out runs/coref-prune"})
public final class AnalyzePruneCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    AnalysisCorpus corpus;

    @Option(names = "--random-orders", paramLabel = "N", defaultValue = "5",
            description = "Random orders averaged for the random curve. Default: ${DEFAULT-VALUE}.")
    int randomOrders;

    @Override
    public Integer call() throws Exception {
        if (randomOrders < 1) throw new InputException("--random-orders must be at least 1, not " + randomOrders);
        try (AnalysisSubject subject = AnalysisSubject.open(model, corpus)) {
            PruningCurve.Result result;
            try (ProgressBar bar = AnalysisCorpus.progressBar("prune", PruningCurve.measurements(randomOrders), " masks")) {
                result = PruningCurve.run(subject.target(), subject.importance(), randomOrders, corpus.seed, bar::stepTo);
            }
            ObjectNode settings = subject.settings().put("random_order_count", randomOrders);
            PruningReport.write(corpus.out, settings, subject.target().metricName(), result, subject.importance());
            AnalyzeImportanceCommand.printSummary(subject.importance());
            System.out.println(subject.target().metricName() + " (drift) by heads pruned:");
            for (PruningCurve.Point p : result.points()) {
                System.out.printf("  %-10s %3.0f %%  %.3f  (%.3f)%n", p.order(), 100 * p.fraction(), p.metric(), p.drift());
            }
        }
        System.out.println("wrote " + corpus.out.resolve("results.json") + ", prune.csv, prune.png/.svg, prune-drift.png/.svg");
        return 0;
    }
}
