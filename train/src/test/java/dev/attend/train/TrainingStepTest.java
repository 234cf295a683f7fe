package dev.attend.train;

import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;
import dev.attend.train.model.TransformerConfig;
import dev.attend.train.optim.AdamW;
import dev.attend.train.optim.AdamWSettings;
import dev.attend.train.optim.LearningRateSchedule;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingStepTest {

    private static final TransformerConfig CONFIG = new TransformerConfig(10, 8, 16, 2, 2, 32, 4, false, 1e-5f);

    /** A toy batch: the label is the token at position 0 (mod 4), read at the last real position. */
    private static Batch batch(SplittableRandom random) {
        int size = 8, tokens = 8;
        int[] ids = new int[size * tokens], lengths = new int[size], read = new int[size], labels = new int[size];
        for (int b = 0; b < size; b++) {
            lengths[b] = 3 + random.nextInt(tokens - 2);
            for (int t = 0; t < lengths[b]; t++) ids[b * tokens + t] = 1 + random.nextInt(9);
            read[b] = lengths[b] - 1;
            labels[b] = ids[b * tokens] % 4;
        }
        return new Batch(ids, size, tokens, lengths, read, labels);
    }

    private static double[] train(long seed, int steps) {
        Transformer model = new Transformer(CONFIG, seed);
        TrainingStep step = new TrainingStep(model, new AdamW(AdamWSettings.DEFAULT, model.parameters()),
                new LearningRateSchedule(3e-3, 5, steps, 0.1), 1.0);
        SplittableRandom data = new SplittableRandom(seed + 1);
        double[] losses = new double[steps];
        for (int s = 0; s < steps; s++) {
            losses[s] = step.run(batch(data), s).loss();
        }
        return losses;
    }

    @Test
    void identicalRunsGiveIdenticalLosses() {
        double[] first = train(42, 12);
        assertThat(train(42, 12)).containsExactly(first);
        assertThat(train(43, 12)).isNotEqualTo(first);
    }

    @Test
    void lossFallsOnAToyTask() {
        double[] losses = train(7, 150);
        double early = (losses[0] + losses[1] + losses[2]) / 3, late = (losses[147] + losses[148] + losses[149]) / 3;
        assertThat(late).as("loss after 150 steps vs at the start").isLessThan(early / 2);
    }
}
