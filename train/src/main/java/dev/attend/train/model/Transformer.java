package dev.attend.train.model;

import dev.attend.train.layers.Embedding;
import dev.attend.train.layers.LayerNormalization;
import dev.attend.train.layers.Linear;
import dev.attend.train.layers.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A post-LN transformer encoder with a classifier reading chosen positions (one per sequence for a classifier, every
 * position for a language model), forward and backward:
 * <pre>
 * ids [B, T] → word + position embeddings → LayerNorm             [B·T, C]
 *            → blocks: LN(x + attention(x)), LN(h + mlp(h))        [B·T, C]
 *            → the rows at the batch's read positions               [B·reads, C]
 *            → classifier                                          [B·reads, classes]
 * </pre>
 * Parameters are named as in Hugging Face BERT ({@code embeddings.*}, {@code encoder.layer.i.*},
 * {@code classifier.*}). The same seed gives the same initial weights.
 */
public final class Transformer {
    private final TransformerConfig config;
    private final Embedding embedding;
    private final LayerNormalization embeddingNorm;
    private final List<EncoderBlock> blocks = new ArrayList<>();
    private final Linear classifier;
    private Batch batch;
    private float[] lastHidden; // [B·T, C] of the last forward

    public Transformer(TransformerConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double std = TransformerConfig.INIT_STD;
        this.config = config;
        this.embedding = new Embedding("embeddings", config.vocabSize(), config.maxPositions(), config.hidden(), random, std);
        this.embeddingNorm = new LayerNormalization("embeddings.LayerNorm", config.hidden(), config.layerNormEps());
        for (int l = 0; l < config.layers(); l++) {
            blocks.add(new EncoderBlock(l, config, random));
        }
        this.classifier = new Linear("classifier", config.hidden(), config.classes(), random, std);
    }

    public TransformerConfig config() {
        return config;
    }

    /** Every parameter, embeddings first, classifier last. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(embedding.parameters());
        all.addAll(embeddingNorm.parameters());
        blocks.forEach(b -> all.addAll(b.parameters()));
        all.addAll(classifier.parameters());
        return all;
    }

    /** The batch → logits [B·reads, classes]; keeps what backward needs. */
    public float[] forward(Batch batch) {
        this.batch = batch;
        int rows = batch.size() * batch.tokens();
        float[] x = embeddingNorm.forward(embedding.forward(batch.ids(), batch.tokens()), rows); // [B·T, C]
        for (EncoderBlock block : blocks) {
            x = block.forward(x, batch.size(), batch.tokens(), batch.lengths());
        }
        lastHidden = x;
        int c = config.hidden();
        int reads = batch.readPositions().length;
        float[] read = new float[reads * c]; // [B·reads, C]
        for (int r = 0; r < reads; r++) {
            System.arraycopy(x, batch.readRow(r) * c, read, r * c, c);
        }
        return classifier.forward(read, reads);
    }

    /** dLogits [B·reads, classes]: adds every parameter's gradient. */
    public void backward(float[] dLogits) {
        float[] dRead = classifier.backward(dLogits); // [B·reads, C]
        int c = config.hidden();
        float[] dx = new float[batch.size() * batch.tokens() * c]; // [B·T, C]
        for (int r = 0; r < batch.readPositions().length; r++) {
            int row = batch.readRow(r) * c;
            for (int i = 0; i < c; i++) dx[row + i] += dRead[r * c + i]; // a position may be read twice
        }
        for (int l = blocks.size() - 1; l >= 0; l--) {
            dx = blocks.get(l).backward(dx);
        }
        embedding.backward(embeddingNorm.backward(dx));
    }

    /** ξ [layers][heads] multiplies each head's context (1 keeps, 0 removes; null keeps every head). */
    public void setHeadMask(float[][] mask) {
        for (int l = 0; l < blocks.size(); l++) {
            blocks.get(l).attention().setHeadMask(mask == null ? null : mask[l]);
        }
    }

    /** ∂L/∂ξ of the last backward: [layers][batch·heads], per batch item. */
    public float[][] headMaskGradients() {
        float[][] g = new float[blocks.size()][];
        for (int l = 0; l < g.length; l++) g[l] = blocks.get(l).attention().headMaskGradients();
        return g;
    }

    /** The last forward's final hidden state, before the classifier reads it: [B·T, C]. */
    public float[] lastHiddenState() {
        return lastHidden;
    }

    /** The last forward's attention weights of layer l for batch item b: [heads, T, T]. */
    public float[] attentionWeights(int layer, int b) {
        return blocks.get(layer).attention().weights(b);
    }

    Embedding embedding() {
        return embedding;
    }

    LayerNormalization embeddingNorm() {
        return embeddingNorm;
    }

    List<EncoderBlock> blocks() {
        return blocks;
    }

    Linear classifier() {
        return classifier;
    }
}
