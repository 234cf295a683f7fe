package dev.attend.train.rnn;

import dev.attend.train.TrainingStep;
import dev.attend.train.layers.Linear;
import dev.attend.train.layers.Parameter;
import dev.attend.train.seq2seq.Seq2SeqBatch;
import dev.attend.train.seq2seq.Seq2SeqConfig;
import dev.attend.train.seq2seq.Seq2SeqModel;
import dev.attend.train.seq2seq.SequenceTask;
import dev.attend.train.seq2seq.TimeMajor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A GRU or LSTM encoder-decoder, with or without additive attention:
 * <pre>
 * source [B, S] → embedding → unidirectional GRU/LSTM encoder      outputs h_j  [S·B, H]
 * initial decoder state = the encoder's full state after each source's last real token (GRU h; LSTM h and c)
 * BOS y_0 … [B, T] → embedding → GRU/LSTM decoder from it            outputs s_i  [T·B, H]
 * without attention: logits_i = W_o s_i + b_o
 * with attention:    c_i = Σ_j α_ij h_j (additive scores of s_i against h_j), logits_i = W_o [s_i ; c_i] + b_o
 * </pre>
 * Without attention everything the decoder knows about the source passes through s_0 (the bottleneck). The attention
 * reads the decoder's current state (Luong's order: the context joins the output, it is not fed back into the GRU),
 * so the decoder's recurrence never waits for the attention and teacher-forced training runs each GRU as one pass.
 * Sequences run time-major inside (row t·B + b); logits are returned batch-major.
 */
public final class RnnSeq2Seq implements Seq2SeqModel {
    private final Seq2SeqConfig config;
    private final TokenEmbedding sourceEmbedding;
    private final TokenEmbedding targetEmbedding;
    private final Recurrent encoder;
    private final Recurrent decoder;
    private final AdditiveAttention attention; // null without attention
    private final Linear output;
    private Seq2SeqBatch batch;
    private float[] encoderStates;             // [S·B, H]: the encoder's outputs h_j

    public RnnSeq2Seq(Seq2SeqConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int h = config.hidden(), v = config.vocabSize();
        double std = 1 / Math.sqrt(h); // PyTorch draws GRU weights uniform in ±1/√H; a normal of that scale here
        this.config = config;
        this.sourceEmbedding = new TokenEmbedding("encoder.embedding.weight", v, h, random, 1);
        this.targetEmbedding = new TokenEmbedding("decoder.embedding.weight", v, h, random, 1);
        this.encoder = recurrent(config, "encoder", random, std);
        this.decoder = recurrent(config, "decoder", random, std);
        this.attention = config.attention() ? new AdditiveAttention("decoder.attention", h, h, random, std) : null;
        this.output = new Linear("output", attention == null ? h : 2 * h, v, random, std);
    }

    private static Recurrent recurrent(Seq2SeqConfig config, String side, SplittableRandom random, double std) {
        int h = config.hidden();
        return config.cell().equals("lstm") ? new Lstm(side + ".lstm", h, h, random, std) : new Gru(side + ".gru", h, h, random, std);
    }

    @Override public Seq2SeqConfig config() {
        return config;
    }

    @Override public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(sourceEmbedding.parameters());
        all.addAll(targetEmbedding.parameters());
        all.addAll(encoder.parameters());
        all.addAll(decoder.parameters());
        if (attention != null) all.addAll(attention.parameters());
        all.addAll(output.parameters());
        return all;
    }

    @Override public float[] forward(Seq2SeqBatch batch) {
        this.batch = batch;
        int b = batch.size(), t = batch.targetTokens(), h = config.hidden();
        float[] initial = encode(batch);
        float[] input = targetEmbedding.forward(TimeMajor.swap(batch.decoderInput(), b, t)); // [T·B, H]
        float[] states = decoder.forward(input, t, b, initial);                               // [T·B, H]
        float[] logits = output.forward(features(states, t), t * b);                          // [T·B, V]
        return TimeMajor.swap(logits, t, b, config.vocabSize());
    }

    /** Runs the encoder; returns each source's full state after its last real token [B, W]. */
    private float[] encode(Seq2SeqBatch batch) {
        int b = batch.size(), s = batch.sourceTokens(), w = encoder.stateWidth();
        float[] embedded = sourceEmbedding.forward(TimeMajor.swap(batch.source(), b, s)); // [S·B, H]
        encoderStates = encoder.forward(embedded, s, b, null);
        float[] full = encoder.states(); // [S·B, W]
        float[] last = new float[b * w];
        for (int i = 0; i < b; i++) {
            System.arraycopy(full, ((batch.sourceLengths()[i] - 1) * b + i) * w, last, i * w, w);
        }
        return last;
    }

    /** The output layer's input: the decoder states, with attention [s_i ; c_i] → [steps·B, 2H]. */
    private float[] features(float[] states, int steps) {
        if (attention == null) return states;
        int b = batch.size(), h = config.hidden();
        float[] context = attention.forward(states, steps, encoderStates, batch.sourceTokens(), b, batch.sourceLengths());
        float[] joined = new float[steps * b * 2 * h];
        for (int r = 0; r < steps * b; r++) {
            System.arraycopy(states, r * h, joined, r * 2 * h, h);
            System.arraycopy(context, r * h, joined, r * 2 * h + h, h);
        }
        return joined;
    }

    @Override public void backward(float[] dLogits) {
        int b = batch.size(), t = batch.targetTokens(), s = batch.sourceTokens(), h = config.hidden();
        float[] dFeatures = output.backward(TimeMajor.swap(dLogits, b, t, config.vocabSize()));
        float[] dEncoder = new float[s * b * h]; // [S·B, H]: of the encoder's outputs
        float[] dStates;
        if (attention == null) {
            dStates = dFeatures;
        } else {
            dStates = new float[t * b * h];
            float[] dContext = new float[t * b * h];
            for (int r = 0; r < t * b; r++) {
                System.arraycopy(dFeatures, r * 2 * h, dStates, r * h, h);
                System.arraycopy(dFeatures, r * 2 * h + h, dContext, r * h, h);
            }
            AdditiveAttention.Gradients g = attention.backward(dContext);
            for (int i = 0; i < dStates.length; i++) dStates[i] += g.queries()[i];
            System.arraycopy(g.memory(), 0, dEncoder, 0, dEncoder.length);
        }
        Recurrent.Gradients dDecoder = decoder.backward(dStates, null);
        targetEmbedding.backward(dDecoder.input());
        int w = encoder.stateWidth();
        float[] dEncoderStates = new float[s * b * w]; // [S·B, W]: of the full state the decoder started from
        for (int i = 0; i < b; i++) {
            int row = (batch.sourceLengths()[i] - 1) * b + i;
            System.arraycopy(dDecoder.initialState(), i * w, dEncoderStates, row * w, w);
        }
        sourceEmbedding.backward(encoder.backward(dEncoder, dEncoderStates).input());
    }

    @Override public int[][] greedy(Seq2SeqBatch batch, int steps) {
        this.batch = batch;
        int b = batch.size(), v = config.vocabSize();
        float[] state = encode(batch);
        int[] previous = new int[b];
        Arrays.fill(previous, SequenceTask.BOS);
        int[][] decoded = new int[b][steps];
        for (int step = 0; step < steps; step++) {
            float[] out = decoder.forward(targetEmbedding.forward(previous), 1, b, state); // [B, H]
            state = decoder.states();                                                     // [B, W]
            float[] logits = output.forward(features(out, 1), b);                         // [B, V]
            for (int i = 0; i < b; i++) {
                previous[i] = TrainingStep.argmax(logits, i * v, v);
                decoded[i][step] = previous[i];
            }
        }
        return decoded;
    }

    /** The attention weights α of the last teacher-forced forward for batch item b: [T, S] (row = decoder step). */
    public float[] attentionWeights(int b) {
        if (attention == null) throw new IllegalStateException("a " + config.arch() + " model has no attention");
        return attention.weights(b);
    }

    TokenEmbedding sourceEmbedding() {
        return sourceEmbedding;
    }

    TokenEmbedding targetEmbedding() {
        return targetEmbedding;
    }

    Recurrent encoder() {
        return encoder;
    }

    Recurrent decoder() {
        return decoder;
    }

    AdditiveAttention attention() {
        return attention;
    }

    Linear output() {
        return output;
    }
}
