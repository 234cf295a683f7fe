package dev.attend.train.induction;

import dev.attend.train.layers.SoftmaxCrossEntropy;
import dev.attend.train.model.Batch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InductionDataTest {
    private static final InductionGenerator GENERATOR = new InductionGenerator(64, 64, 16);

    @Test
    void theSegmentRepeatsAndPredictablePositionsPointIntoTheFirstCopy() {
        SplittableRandom random = new SplittableRandom(4);
        int[] firstStarts = new int[64 - 32 + 1];
        for (int n = 0; n < 2000; n++) {
            InductionExample e = GENERATOR.next(random);
            int[] t = e.tokens();
            assertThat(t).hasSize(64);
            assertThat(e.second()).isGreaterThanOrEqualTo(e.first() + 16);
            assertThat(e.second() + 16).isLessThanOrEqualTo(64);
            for (int i = 0; i < 16; i++) assertThat(t[e.second() + i]).isEqualTo(t[e.first() + i]);
            long predictable = 0;
            for (int i = 0; i < 64; i++) {
                if (!e.predictable(i)) continue;
                predictable++;
                assertThat(t[e.source(i)]).as("the token after i's earlier occurrence is i's next token").isEqualTo(t[i + 1]);
                assertThat(t[e.source(i) - 1]).isEqualTo(t[i]);
            }
            assertThat(predictable).isEqualTo(15);
            for (int v : t) assertThat(v).isBetween(0, 63);
            firstStarts[e.first()]++;
        }
        assertThat(firstStarts[0]).isPositive();
        assertThat(firstStarts[32]).as("the latest first copy that leaves room for the second").isPositive();
    }

    @Test
    void theDistanceBetweenTheCopiesIsUniformSoNoOffsetIsAFavourite() {
        SplittableRandom random = new SplittableRandom(5);
        int[] byDistance = new int[64 + 1];
        int samples = 33_000; // 33 distances 16..48: 1000 expected each, standard deviation ~31
        for (int n = 0; n < samples; n++) {
            InductionExample e = GENERATOR.next(random);
            byDistance[e.second() - e.first()]++;
        }
        for (int d = 0; d <= 64; d++) {
            if (d < 16 || d > 48) assertThat(byDistance[d]).as("distance %d", d).isZero();
            else assertThat(byDistance[d]).as("distance %d", d).isBetween(850, 1150);
        }
    }

    @Test
    void aBatchPredictsTheNextTokenAtEveryPosition() {
        List<InductionExample> examples = InductionData.test(GENERATOR, 3);
        Batch batch = InductionData.batch(examples);
        assertThat(batch.reads()).isEqualTo(64);
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < 64; t++) {
                int r = b * 64 + t;
                assertThat(batch.readRow(r)).isEqualTo(r);
                assertThat(batch.labels()[r]).isEqualTo(t == 63 ? SoftmaxCrossEntropy.IGNORE : examples.get(b).tokens()[t + 1]);
            }
        }
    }

    @Test
    void streamsAreSeededAndSetsFixed() {
        assertThat(InductionData.training(GENERATOR, 1, 5, 2).getFirst().tokens())
                .isEqualTo(InductionData.training(GENERATOR, 1, 5, 2).getFirst().tokens())
                .isNotEqualTo(InductionData.training(GENERATOR, 1, 6, 2).getFirst().tokens());
        assertThat(InductionData.tracked(GENERATOR, 1).getFirst().tokens()).isNotEqualTo(InductionData.test(GENERATOR, 1).getFirst().tokens());
        assertThatThrownBy(() -> new InductionGenerator(64, 20, 12)).isInstanceOf(IllegalArgumentException.class);
    }
}
