package dev.attend.analysis.importance;

import dev.attend.train.TrainingStep;
import dev.attend.train.coref.CorefData;
import dev.attend.train.coref.CorefExample;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Accuracy of a pronoun-resolution model trained here (`attend train --task coref`) on a fixed set of its task's
 * sentences, run with a head mask through train's {@link Transformer}.
 */
public final class CorefTarget implements PruningTarget {
    private static final int BATCH = 100;
    private final Transformer model;
    private final List<CorefExample> examples;

    public CorefTarget(Transformer model, List<CorefExample> examples) {
        this.model = model;
        this.examples = List.copyOf(examples);
    }

    @Override
    public String metricName() {
        return "accuracy (antecedent noun)";
    }

    @Override
    public int layers() {
        return model.config().layers();
    }

    @Override
    public int heads() {
        return model.config().heads();
    }

    @Override
    public Measurement measure(float[][] headMask) {
        model.setHeadMask(headMask);
        int classes = model.config().classes(), hidden = model.config().hidden(), correct = 0;
        List<float[]> states = new ArrayList<>();
        for (int from = 0; from < examples.size(); from += BATCH) {
            Batch batch = CorefData.batch(examples.subList(from, Math.min(examples.size(), from + BATCH)));
            float[] logits = model.forward(batch);
            float[] last = model.lastHiddenState(); // [B·T, C]
            for (int b = 0; b < batch.size(); b++) {
                if (TrainingStep.argmax(logits, b * classes, classes) == batch.labels()[b]) correct++;
                int start = b * batch.tokens() * hidden;
                states.add(Arrays.copyOfRange(last, start, start + batch.lengths()[b] * hidden));
            }
        }
        model.setHeadMask(null);
        return new Measurement((double) correct / examples.size(), states);
    }
}
