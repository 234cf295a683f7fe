package dev.attend.train.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.plot.LineChart;
import dev.attend.plot.Series;
import dev.attend.train.agreement.AgreementGenerator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code attend experiment agreement}: the agreement task's standard recipe (6 layers) with seeds 1 and 2 (quick:
 * seed 1, 20 steps of the quick recipe). Writes results.json, runs.csv, curves.csv, the learning curves, test accuracy
 * by number of attractors beside the heuristics ({@code attractors}), validation accuracy by attractors through
 * training for seed 1 ({@code attractors-during-training}), the verb → subject heads of seed 1, and summary.md.
 */
public final class AgreementExperiment {
    private AgreementExperiment() {}

    public static ObjectNode run(Path out, boolean quick, ExperimentProgress progress) {
        ExperimentFiles.prepare(out);
        long[] seeds = quick ? new long[] {1} : new long[] {1, 2};
        List<TrainedRun> runs = SeedStudy.run("agreement", out, quick, seeds, quick ? 20 : null, progress);
        ObjectNode results = SeedStudy.results("agreement", quick, runs, "accuracy_by_attractors", "best_head");
        JsonNode heuristics = runs.getFirst().metrics().get("heuristics");
        results.set("heuristics", heuristics);

        int maxAttractors = AgreementGenerator.MAX_ATTRACTORS;
        double[] counts = new double[maxAttractors + 1];
        for (int a = 0; a <= maxAttractors; a++) counts[a] = a;
        List<Series> byAttractors = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder("| seed | test accuracy | 0 / 1 / 2 / 3 attractors | training time |\n| --- | --- | --- | --- |\n");
        for (TrainedRun run : runs) {
            JsonNode m = run.metrics();
            double[] accuracy = new double[maxAttractors + 1];
            List<String> cells = new ArrayList<>();
            for (int a = 0; a <= maxAttractors; a++) {
                accuracy[a] = m.at("/accuracy_by_attractors/" + a).asDouble(Double.NaN);
                cells.add(ExperimentFiles.percent(accuracy[a]));
                rows.add(List.of(m.get("seed").asLong(), a, accuracy[a]));
            }
            byAttractors.add(new Series("model, seed " + m.get("seed").asLong(), counts, accuracy));
            table.append(String.format(Locale.ROOT, "| %d | %s | %s | %.1f s |%n", m.get("seed").asLong(),
                    ExperimentFiles.percent(m.get("accuracy").asDouble()), String.join(" / ", cells), m.get("seconds").asDouble()));
        }
        heuristics.properties().forEach(h -> {
            double[] flat = new double[counts.length];
            java.util.Arrays.fill(flat, h.getValue().asDouble());
            byAttractors.add(new Series("heuristic: " + h.getKey().replace('_', ' ') + " (all sentences)", counts, flat));
        });
        ExperimentFiles.csv(out.resolve("runs.csv"), List.of("seed", "attractors", "test_accuracy"), rows);
        ExperimentFiles.plot(out.resolve("attractors"), new LineChart("agreement: test accuracy by number of attractors",
                "attractors between subject and verb", "accuracy", byAttractors)::write);

        TrainedRun first = runs.getFirst();
        List<Series> during = new ArrayList<>();
        for (int a = 0; a <= maxAttractors; a++) {
            double[][] curve = first.tracked("accuracy_" + a + "_attractors");
            during.add(new Series(a + " attractors", curve[0], curve[1]));
        }
        ExperimentFiles.plot(out.resolve("attractors-during-training"), new LineChart(
                "agreement seed " + seeds[0] + ": validation accuracy by attractors", "step", "accuracy", during)::write);
        SeedStudy.headHeatmap(out.resolve("heads"), "agreement seed " + seeds[0] + ": [VERB] → subject (validation)",
                first.metrics().get("head_subject_accuracy_validation"));
        ExperimentFiles.json(out.resolve("results.json"), results);
        ExperimentFiles.text(out.resolve("summary.md"), String.format(Locale.ROOT, """
                # Experiment: agreement (subject-verb agreement with attractors)

                %s
                Heuristics on the test sentences: nearest noun %s, first noun %s, majority of nouns %s.

                Files: results.json, runs.csv, curves.csv, loss, accuracy, attractors, attractors-during-training, heads
                (.png/.svg), runs/seed-N/.
                """, table, ExperimentFiles.percent(heuristics.get("nearest_noun").asDouble()),
                ExperimentFiles.percent(heuristics.get("first_noun").asDouble()),
                ExperimentFiles.percent(heuristics.get("majority_of_nouns").asDouble())));
        return results;
    }
}
