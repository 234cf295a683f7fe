package dev.attend.analysis.importance;

import dev.attend.train.TrainingStep;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Accuracy of a classifier trained here (`attend train --task coref|agreement`) on fixed batches of its task's
 * sentences (one read per example), run with a head mask through train's {@link Transformer}.
 */
public final class TaskTarget implements PruningTarget {
    private final Transformer model;
    private final List<Batch> batches;

    public TaskTarget(Transformer model, List<Batch> batches) {
        this.model = model;
        this.batches = List.copyOf(batches);
    }

    @Override
    public String metricName() {
        return "accuracy";
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
        int classes = model.config().classes(), hidden = model.config().hidden(), correct = 0, total = 0;
        List<float[]> states = new ArrayList<>();
        for (Batch batch : batches) {
            float[] logits = model.forward(batch);
            float[] last = model.lastHiddenState(); // [B·T, C]
            for (int b = 0; b < batch.size(); b++) {
                if (TrainingStep.argmax(logits, b * classes, classes) == batch.labels()[b]) correct++;
                total++;
                int start = b * batch.tokens() * hidden;
                states.add(Arrays.copyOfRange(last, start, start + batch.lengths()[b] * hidden));
            }
        }
        model.setHeadMask(null);
        return new Measurement((double) correct / total, states);
    }
}
