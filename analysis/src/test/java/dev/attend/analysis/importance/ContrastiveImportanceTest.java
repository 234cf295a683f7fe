package dev.attend.analysis.importance;

import dev.attend.model.AttentionModel;
import dev.attend.model.bert.BertConfig;
import dev.attend.model.bert.BertEncoder;
import dev.attend.model.registry.BuiltInModel;
import dev.attend.model.registry.BuiltInModels;
import dev.attend.model.registry.Pooling;
import dev.attend.model.tokenize.Tokenizer;
import dev.attend.train.bert.BertInput;
import dev.attend.train.bert.BertNetwork;
import dev.attend.train.bert.BertNetworkReference;
import dev.attend.train.bert.ContrastiveObjective;
import dev.attend.train.layers.Parameter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Importance on a tiny random BERT (hidden 16, 2 layers, 4 heads) with MiniLM's tokenizer, against an independent
 * computation: per batch, ∂L/∂ξ_h by central differences of the contrastive loss on the double twin, then
 * mean |·| and the ℓ2 norm per layer. Relative error < 1e-3 per head (the fast path runs in float32); the twin's
 * analytic gradient itself is within 1e-4 of the differences per head.
 */
class ContrastiveImportanceTest {
    private static AttentionModel model;
    private static BertNetwork network;

    @BeforeAll
    static void tinyModel() {
        BertConfig config = new BertConfig(30522, 16, 2, 4, 32, 64, 2, 1e-12f);
        network = BertNetwork.random(config, 5);
        SplittableRandom random = new SplittableRandom(6);
        for (Parameter p : network.parameters()) {
            boolean scale = p.name().endsWith("LayerNorm.weight");
            for (int i = 0; i < p.size(); i++) p.value()[i] = (float) ((scale ? 1 : 0) + random.nextGaussian() * 0.3);
        }
        Tokenizer tokenizer = Tokenizer.load(BuiltInModels.files(BuiltInModel.MINILM).tokenizer(), "tiny", 64);
        model = new AttentionModel("tiny", "tiny", "test", tokenizer, new BertEncoder(network.weights()), Pooling.MEAN);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void importanceIsTheMeanAbsoluteHeadMaskGradientNormalisedPerLayer() {
        List<SentencePairs.Pair> pairs = SentencePairs.sample(4, 2).importance().subList(0, 8);
        double tau = 0.05;
        List<Integer> progress = new ArrayList<>();
        HeadImportance importance = ContrastiveImportance.compute(model, pairs, 4, tau, progress::add);
        assertThat(progress).containsExactly(4, 8);
        assertThat(importance.samples()).isEqualTo(2);

        BertNetworkReference twin = new BertNetworkReference(network);
        double[][] sumNumeric = new double[2][4];
        double worstTwin = 0;
        for (List<SentencePairs.Pair> group : SentencePairs.groups(pairs, 4)) {
            BertInput input = BertInput.of(ContrastiveImportance.encode(model, group));
            twin.setHeadMask(null);
            double[][] analytic = ContrastiveObjective.compute(twin, input, 4, Pooling.MEAN, 16, tau).headMaskGradient();
            for (int l = 0; l < 2; l++) {
                for (int h = 0; h < 4; h++) {
                    double numeric = centralDifference(twin, input, l, h, tau);
                    sumNumeric[l][h] += Math.abs(numeric);
                    worstTwin = Math.max(worstTwin, Math.abs(analytic[l][h] - numeric) / Math.abs(numeric));
                }
            }
        }
        HeadImportance expected = HeadImportance.of(sumNumeric, 2, "finite differences");
        double worst = 0;
        for (int l = 0; l < 2; l++) {
            for (int h = 0; h < 4; h++) {
                worst = Math.max(worst, Math.abs(importance.normalised()[l][h] - expected.normalised()[l][h])
                        / expected.normalised()[l][h]);
            }
        }
        System.out.printf("importance: twin ξ-gradient vs central differences %.2e per head; float importance vs "
                + "differences %.2e%n", worstTwin, worst);
        assertThat(worstTwin).isLessThan(1e-4);
        assertThat(worst).isLessThan(1e-3);
    }

    private static double centralDifference(BertNetworkReference twin, BertInput input, int layer, int head, double tau) {
        double step = 1e-5;
        double[][] xi = new double[2][4];
        for (double[] row : xi) Arrays.fill(row, 1);
        xi[layer][head] = 1 + step;
        twin.setHeadMask(xi);
        double plus = ContrastiveObjective.loss(twin, input, 4, Pooling.MEAN, 16, tau);
        xi[layer][head] = 1 - step;
        twin.setHeadMask(xi);
        double minus = ContrastiveObjective.loss(twin, input, 4, Pooling.MEAN, 16, tau);
        twin.setHeadMask(null);
        return (plus - minus) / (2 * step);
    }
}
