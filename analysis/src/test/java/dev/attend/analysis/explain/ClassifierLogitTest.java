package dev.attend.analysis.explain;

import dev.attend.train.layers.Parameter;
import dev.attend.train.layers.ReferenceParameter;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;
import dev.attend.train.model.TransformerConfig;
import dev.attend.train.model.TransformerReference;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClassifierLogitTest {
    private static final int[] IDS = {3, 7, 1, 4, 4, 9};
    private static final int READ = 2, BLANK = 0;
    private static final List<String> TOKENS = List.of("a", "b", "[VERB]", "c", "c", "d");

    /** A small random classifier with weights large enough (std 0.4) to give it non-trivial outputs. */
    private static Transformer model() {
        Transformer t = new Transformer(new TransformerConfig(10, 8, 8, 2, 2, 16, 3, false, 1e-12f), 11);
        for (Parameter p : t.parameters()) {
            if (p.shape().length == 2) for (int i = 0; i < p.size(); i++) p.value()[i] *= 20;
        }
        return t;
    }

    private static double logit(TransformerReference twin, int[] ids, int c) {
        return twin.forward(new Batch(ids, 1, ids.length, new int[] {ids.length}, new int[] {READ}, new int[1]))[c];
    }

    /** Independent: central differences of the double twin with respect to each position-table entry. */
    @Test
    void gradientTimesInputMatchesFiniteDifferencesOfTheDoubleTwin() {
        Transformer fast = model();
        ClassifierLogit.Explained e = new ClassifierLogit(fast, BLANK).explain(TOKENS, IDS, READ);
        TransformerReference twin = new TransformerReference(fast);
        ReferenceParameter word = find(twin, "embeddings.word_embeddings.weight");
        ReferenceParameter position = find(twin, "embeddings.position_embeddings.weight");
        assertThat(logit(twin, IDS, e.predicted())).isCloseTo(e.logit(), within(1e-4));
        int hidden = 8;
        double h = 1e-5;
        for (int t = 0; t < IDS.length; t++) {
            double sum = 0;
            for (int d = 0; d < hidden; d++) {
                int k = t * hidden + d;
                double keep = position.value()[k];
                position.value()[k] = keep + h;
                double up = logit(twin, IDS, e.predicted());
                position.value()[k] = keep - h;
                double down = logit(twin, IDS, e.predicted());
                position.value()[k] = keep;
                double input = word.value()[IDS[t] * hidden + d] + keep;
                sum += Math.pow((up - down) / (2 * h) * input, 2);
            }
            assertThat(e.sequence().gradientTimesInput()[t]).as("token " + t).isCloseTo(Math.sqrt(sum), within(1e-4 * (1 + Math.sqrt(sum))));
        }
        assertThat(fast.parameters().get(0).grad()).as("gradients left zeroed").containsOnly(0f);
    }

    @Test
    void blankoutReplacesOneTokenAndKeepsTheReadPositionOut() {
        Transformer fast = model();
        ClassifierLogit.Explained e = new ClassifierLogit(fast, BLANK).explain(TOKENS, IDS, READ);
        TransformerReference twin = new TransformerReference(fast);
        for (int j = 0; j < IDS.length; j++) {
            if (j == READ) {
                assertThat(e.sequence().scored()[j]).isFalse();
                assertThat(e.sequence().blankout()[j]).isZero();
                continue;
            }
            int[] blanked = IDS.clone();
            blanked[j] = BLANK;
            assertThat(e.sequence().blankout()[j]).as("token " + j)
                    .isCloseTo(Math.abs(e.logit() - logit(twin, blanked, e.predicted())), within(1e-4));
        }
        assertThat(e.sequence().readout()).containsExactly(0, 0, 1, 0, 0, 0);
        double[][][] a = e.sequence().attention();
        assertThat(a).hasNumberOfRows(2);
        double rowSum = 0;
        for (double w : a[1][READ]) rowSum += w;
        assertThat(rowSum).isCloseTo(1, within(1e-5));
    }

    private static ReferenceParameter find(TransformerReference twin, String name) {
        return twin.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
