package dev.attend.web;

import dev.attend.train.RunFolder;
import dev.attend.train.TrainingRecipe;
import dev.attend.train.TrainingStep;
import dev.attend.train.coref.CorefData;
import dev.attend.train.coref.CorefExample;
import dev.attend.train.coref.CorefRecipe;
import dev.attend.train.model.Transformer;
import dev.attend.train.optim.AdamW;
import dev.attend.train.probe.ProbeRecorder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real training run in a test: the quick pronoun-task model trained one step between snapshots, its probes'
 * attention recorded by train's own {@link ProbeRecorder}. Keeps what the model computed at each snapshot (float32,
 * before the recorder rounds it to float16), to check what the server and page show against.
 */
public final class TrainingRunFixture {
    public static final long SEED = 7;

    public final Path folder;
    public final int layers;
    public final int heads;
    public final List<CorefExample> probes = CorefData.probes();
    public final List<Double> losses = new ArrayList<>();
    /** [snapshot][probe][layer] = [heads, T, T], T the padded probe batch length {@link #padded}. */
    private final List<float[][][]> weights = new ArrayList<>();
    public final int padded;

    /** Trains for {@code snapshots - 1} steps, recording step 0 and every step after it. */
    public TrainingRunFixture(Path folder, int snapshots) {
        this.folder = RunFolder.prepare(folder, false);
        CorefRecipe task = CorefRecipe.quick();
        TrainingRecipe recipe = task.training();
        Transformer model = new Transformer(task.model(2), SEED);
        layers = model.config().layers();
        heads = model.config().heads();
        padded = probes.stream().mapToInt(p -> p.words().size()).max().orElseThrow();
        AdamW optimizer = new AdamW(recipe.adamW(), model.parameters());
        TrainingStep step = new TrainingStep(model, optimizer, recipe.schedule(snapshots - 1), recipe.maxGradientNorm());
        CorefData data = new CorefData(SEED);
        ProbeRecorder recorder = new ProbeRecorder(folder, "coref", probes.stream().map(e -> new ProbeRecorder.Probe(
                e.words(), e.ids(), Map.of("pronoun", e.pronoun(), "antecedent", e.antecedent()))).toList(),
                layers, heads, -1);
        recorder.record(model, 0, Double.NaN, Double.NaN, Map.of());
        keep(model);
        for (int s = 1; s < snapshots; s++) {
            TrainingStep.Result result = step.run(CorefData.batch(data.trainingExamples(s - 1, recipe.batchSize())), s - 1);
            losses.add(result.loss());
            recorder.record(model, s, result.loss(), result.accuracy(), Map.of());
            keep(model);
        }
    }

    private void keep(Transformer model) {
        float[][][] snapshot = new float[probes.size()][layers][];
        for (int b = 0; b < probes.size(); b++) {
            for (int l = 0; l < layers; l++) snapshot[b][l] = model.attentionWeights(l, b).clone();
        }
        weights.add(snapshot);
    }

    /** What query token i of probe {@code probe} put on key token j at snapshot {@code s}, as the model computed it. */
    public float weight(int s, int probe, int layer, int head, int i, int j) {
        return weights.get(s)[probe][layer][(head * padded + i) * padded + j];
    }

    public int snapshots() {
        return weights.size();
    }
}
