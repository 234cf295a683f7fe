package dev.attend.model.hf;

import dev.attend.model.bert.BertConfig;
import dev.attend.model.bert.BertWeights;
import dev.attend.model.bert.DenseWeights;
import dev.attend.model.bert.EmbeddingWeights;
import dev.attend.model.bert.LayerWeights;
import dev.attend.model.bert.NormWeights;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small BERT models with random weights, scaled so attention is neither uniform nor one-hot: Linear weights
 * N(0, 1/in), LayerNorm gamma 1 + N(0, 0.1²). What the layout leaves out of the checkpoint (biases and LayerNorm
 * betas, the token-type table) is zero, as the importer must then assume.
 */
final class RandomBert {
    private RandomBert() {}

    static BertWeights generate(BertConfig config, HfLayout layout, long seed) {
        Random random = new Random(seed);
        int hidden = config.hiddenSize();
        if (!layout.tokenTypes() && config.typeVocabSize() != 1) {
            throw new IllegalArgumentException("a checkpoint without token types has one (zero) type row");
        }
        EmbeddingWeights embeddings = new EmbeddingWeights(
                normal(random, config.vocabSize() * hidden, 1),
                normal(random, config.maxPositions() * hidden, 1),
                layout.tokenTypes() ? normal(random, config.typeVocabSize() * hidden, 1) : new float[hidden],
                norm(random, hidden, layout));
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < config.numLayers(); l++) {
            layers.add(new LayerWeights(
                    dense(random, hidden, hidden, layout), dense(random, hidden, hidden, layout),
                    dense(random, hidden, hidden, layout), dense(random, hidden, hidden, layout),
                    norm(random, hidden, layout),
                    dense(random, hidden, config.intermediateSize(), layout),
                    dense(random, config.intermediateSize(), hidden, layout),
                    norm(random, hidden, layout)));
        }
        return new BertWeights(config, embeddings, layers);
    }

    private static DenseWeights dense(Random random, int in, int out, HfLayout layout) {
        float[] bias = layout.biases() ? normal(random, out, 0.1) : new float[out];
        return new DenseWeights(normal(random, in * out, 1 / Math.sqrt(in)), bias, in, out); // W [in, out]
    }

    private static NormWeights norm(Random random, int hidden, HfLayout layout) {
        float[] gamma = normal(random, hidden, 0.1);
        for (int i = 0; i < hidden; i++) {
            gamma[i] += 1;
        }
        return new NormWeights(gamma, layout.biases() ? normal(random, hidden, 0.1) : new float[hidden]);
    }

    private static float[] normal(Random random, int length, double sigma) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (random.nextGaussian() * sigma);
        }
        return values;
    }
}
