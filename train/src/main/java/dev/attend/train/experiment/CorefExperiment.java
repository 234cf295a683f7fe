package dev.attend.train.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code attend experiment coref}: the pronoun task's standard recipe over seeds 1-4 (quick: seed 1, 20 steps of the
 * quick recipe). Writes results.json (per seed: accuracy, the best head and its antecedent accuracy, the heuristics
 * and whether each stays ≤ 60 %), runs.csv, curves.csv, the learning curves, the per-head antecedent accuracy of seed
 * 1 as a heatmap, and summary.md.
 */
public final class CorefExperiment {
    static final double HEURISTIC_LIMIT = 0.6;

    private CorefExperiment() {}

    public static ObjectNode run(Path out, boolean quick, ExperimentProgress progress) {
        ExperimentFiles.prepare(out);
        long[] seeds = quick ? new long[] {1} : new long[] {1, 2, 3, 4};
        List<TrainedRun> runs = SeedStudy.run("coref", out, quick, seeds, quick ? 20 : null, progress);
        ObjectNode results = SeedStudy.results("coref", quick, runs, "best_head", "best_head_antecedent_accuracy",
                "heuristics", "best_heuristic");
        JsonNode heuristics = runs.getFirst().metrics().get("heuristics");
        boolean within = true;
        for (JsonNode h : heuristics) within &= h.asDouble() <= HEURISTIC_LIMIT;
        results.set("heuristics", heuristics);
        results.put("heuristics_at_most_60_percent", within);

        List<List<Object>> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder("| seed | test accuracy | best head | its antecedent accuracy (test) | best heuristic | training time |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        for (TrainedRun run : runs) {
            JsonNode m = run.metrics();
            String head = m.at("/best_head/layer").asInt() + "." + m.at("/best_head/head").asInt();
            rows.add(List.of(m.get("seed").asLong(), m.get("accuracy").asDouble(), head,
                    m.get("best_head_antecedent_accuracy").asDouble(), m.at("/best_heuristic/accuracy").asDouble(),
                    m.get("seconds").asDouble()));
            table.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s (%s) | %.1f s |%n", m.get("seed").asLong(),
                    ExperimentFiles.percent(m.get("accuracy").asDouble()), head,
                    ExperimentFiles.percent(m.get("best_head_antecedent_accuracy").asDouble()),
                    ExperimentFiles.percent(m.at("/best_heuristic/accuracy").asDouble()), m.at("/best_heuristic/name").asText(),
                    m.get("seconds").asDouble()));
        }
        ExperimentFiles.csv(out.resolve("runs.csv"), List.of("seed", "test_accuracy", "best_head",
                "best_head_antecedent_accuracy", "best_heuristic_accuracy", "seconds"), rows);
        SeedStudy.headHeatmap(out.resolve("heads"), "coref seed " + seeds[0] + ": pronoun → antecedent (validation)",
                runs.getFirst().metrics().get("head_antecedent_accuracy_validation"));
        ExperimentFiles.json(out.resolve("results.json"), results);
        ExperimentFiles.text(out.resolve("summary.md"), String.format(Locale.ROOT, """
                # Experiment: coref (pronoun resolution)

                %s
                Heuristics on the test sentences: nearest noun %s, first noun %s, subject %s; each ≤ 60 %%: %s.

                Files: results.json, runs.csv, curves.csv, loss.png/.svg, accuracy.png/.svg, heads.png/.svg, runs/seed-N/.
                """, table, ExperimentFiles.percent(heuristics.get("nearest_noun").asDouble()),
                ExperimentFiles.percent(heuristics.get("first_noun").asDouble()),
                ExperimentFiles.percent(heuristics.get("subject").asDouble()), within ? "yes" : "no"));
        return results;
    }
}
