package dev.attend.train.seq2seq;

import dev.attend.train.TrainingStep;
import dev.attend.train.layers.Embedding;
import dev.attend.train.layers.LayerNormalization;
import dev.attend.train.layers.Linear;
import dev.attend.train.layers.Parameter;
import dev.attend.train.model.EncoderBlock;
import dev.attend.train.model.TransformerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A post-LN transformer encoder-decoder (BERT's block layout and names):
 * <pre>
 * source [B, S] → word + position embeddings → LN → encoder blocks (bidirectional, padded)   memory [B·S, C]
 * BOS y_0 … [B, T] → word + position embeddings → LN → decoder blocks
 *                    (causal self-attention, cross-attention to memory, MLP)                   [B·T, C]
 *                  → lm_head                                                                  [B·T, vocab]
 * </pre>
 * The encoder is the same {@link EncoderBlock} the classifier models use; the decoder blocks use the cross mode of
 * the same attention layer. Intermediate size 4C; weights normal(0, 0.02) as in {@link TransformerConfig#INIT_STD}.
 */
public final class TransformerSeq2Seq implements Seq2SeqModel {
    private static final float LAYER_NORM_EPS = 1e-5f;

    private final Seq2SeqConfig config;
    private final Embedding sourceEmbedding;
    private final LayerNormalization sourceNorm;
    private final List<EncoderBlock> encoder = new ArrayList<>();
    private final Embedding targetEmbedding;
    private final LayerNormalization targetNorm;
    private final List<DecoderBlock> decoder = new ArrayList<>();
    private final Linear head;
    private Seq2SeqBatch batch;
    private float[] memory; // [B·S, C]

    public TransformerSeq2Seq(Seq2SeqConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double std = TransformerConfig.INIT_STD;
        int c = config.hidden(), positions = config.maxLength() + 1;
        this.config = config;
        this.sourceEmbedding = new Embedding("encoder.embeddings", config.vocabSize(), positions, c, random, std);
        this.sourceNorm = new LayerNormalization("encoder.embeddings.LayerNorm", c, LAYER_NORM_EPS);
        for (int l = 0; l < config.layers(); l++) {
            encoder.add(new EncoderBlock(l, c, config.heads(), 4 * c, false, LAYER_NORM_EPS, random));
        }
        this.targetEmbedding = new Embedding("decoder.embeddings", config.vocabSize(), positions, c, random, std);
        this.targetNorm = new LayerNormalization("decoder.embeddings.LayerNorm", c, LAYER_NORM_EPS);
        for (int l = 0; l < config.layers(); l++) {
            decoder.add(new DecoderBlock(l, c, config.heads(), 4 * c, LAYER_NORM_EPS, random, std));
        }
        this.head = new Linear("lm_head", c, config.vocabSize(), random, std);
    }

    @Override public Seq2SeqConfig config() {
        return config;
    }

    @Override public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(sourceEmbedding.parameters());
        all.addAll(sourceNorm.parameters());
        encoder.forEach(b -> all.addAll(b.parameters()));
        all.addAll(targetEmbedding.parameters());
        all.addAll(targetNorm.parameters());
        decoder.forEach(b -> all.addAll(b.parameters()));
        all.addAll(head.parameters());
        return all;
    }

    @Override public float[] forward(Seq2SeqBatch batch) {
        this.batch = batch;
        encode(batch);
        return decode(batch.decoderInput(), batch.targetTokens());
    }

    private void encode(Seq2SeqBatch batch) {
        int b = batch.size(), s = batch.sourceTokens();
        float[] x = sourceNorm.forward(sourceEmbedding.forward(batch.source(), s), b * s); // [B·S, C]
        for (EncoderBlock block : encoder) x = block.forward(x, b, s, batch.sourceLengths());
        memory = x;
    }

    /** ids [B, T] → logits [B·T, vocab], attending to the last encoded memory. */
    private float[] decode(int[] ids, int tokens) {
        int b = batch.size();
        float[] x = targetNorm.forward(targetEmbedding.forward(ids, tokens), b * tokens); // [B·T, C]
        for (DecoderBlock block : decoder) {
            x = block.forward(x, tokens, memory, batch.sourceTokens(), b, batch.sourceLengths());
        }
        return head.forward(x, b * tokens);
    }

    @Override public void backward(float[] dLogits) {
        float[] dx = head.backward(dLogits); // [B·T, C]
        float[] dMemory = new float[memory.length];
        for (int l = decoder.size() - 1; l >= 0; l--) {
            DecoderBlock.Gradients g = decoder.get(l).backward(dx);
            dx = g.input();
            for (int i = 0; i < dMemory.length; i++) dMemory[i] += g.memory()[i];
        }
        targetEmbedding.backward(targetNorm.backward(dx));
        for (int l = encoder.size() - 1; l >= 0; l--) dMemory = encoder.get(l).backward(dMemory);
        sourceEmbedding.backward(sourceNorm.backward(dMemory));
    }

    /** Greedy decoding; each step reruns the decoder over the prefix (no key/value cache: the sequences are short). */
    @Override public int[][] greedy(Seq2SeqBatch batch, int steps) {
        this.batch = batch;
        int b = batch.size(), v = config.vocabSize();
        if (steps > config.maxLength() + 1) {
            throw new IllegalArgumentException(steps + " decoding steps exceed the " + (config.maxLength() + 1) + " positions");
        }
        encode(batch);
        int[][] decoded = new int[b][steps];
        for (int step = 0; step < steps; step++) {
            int tokens = step + 1;
            int[] ids = new int[b * tokens]; // [B, step + 1]: BOS, then what was decoded so far
            for (int i = 0; i < b; i++) {
                ids[i * tokens] = SequenceTask.BOS;
                System.arraycopy(decoded[i], 0, ids, i * tokens + 1, step);
            }
            float[] logits = decode(ids, tokens);
            for (int i = 0; i < b; i++) decoded[i][step] = TrainingStep.argmax(logits, (i * tokens + step) * v, v);
        }
        return decoded;
    }

    /** The last forward's cross-attention weights of decoder layer l, batch item b: [heads, T, S]. */
    public float[] crossAttentionWeights(int layer, int b) {
        return decoder.get(layer).crossAttentionWeights(b);
    }

    Embedding sourceEmbedding() {
        return sourceEmbedding;
    }

    LayerNormalization sourceNorm() {
        return sourceNorm;
    }

    List<EncoderBlock> encoder() {
        return encoder;
    }

    Embedding targetEmbedding() {
        return targetEmbedding;
    }

    LayerNormalization targetNorm() {
        return targetNorm;
    }

    List<DecoderBlock> decoder() {
        return decoder;
    }

    Linear head() {
        return head;
    }
}
