package dev.attend.train.rnn;

import dev.attend.train.layers.LinearReference;
import dev.attend.train.layers.ReferenceParameter;
import dev.attend.train.seq2seq.Seq2SeqBatch;
import dev.attend.train.seq2seq.TimeMajor;

import java.util.ArrayList;
import java.util.List;

/** The double-precision twin of {@link RnnSeq2Seq}, built from its current weights. */
public final class RnnSeq2SeqReference {
    private final int hidden;
    private final int vocab;
    private final TokenEmbeddingReference sourceEmbedding;
    private final TokenEmbeddingReference targetEmbedding;
    private final RecurrentReference encoder;
    private final RecurrentReference decoder;
    private final AdditiveAttentionReference attention;
    private final LinearReference output;
    private Seq2SeqBatch batch;

    public RnnSeq2SeqReference(RnnSeq2Seq fast) {
        this.hidden = fast.config().hidden();
        this.vocab = fast.config().vocabSize();
        this.sourceEmbedding = new TokenEmbeddingReference(fast.sourceEmbedding());
        this.targetEmbedding = new TokenEmbeddingReference(fast.targetEmbedding());
        this.encoder = RecurrentReference.of(fast.encoder());
        this.decoder = RecurrentReference.of(fast.decoder());
        this.attention = fast.attention() == null ? null : new AdditiveAttentionReference(fast.attention());
        this.output = new LinearReference(fast.output());
    }

    /** In the order of {@link RnnSeq2Seq#parameters()}. */
    public List<ReferenceParameter> parameters() {
        List<ReferenceParameter> all = new ArrayList<>(sourceEmbedding.parameters());
        all.addAll(targetEmbedding.parameters());
        all.addAll(encoder.parameters());
        all.addAll(decoder.parameters());
        if (attention != null) all.addAll(attention.parameters());
        all.addAll(output.parameters());
        return all;
    }

    public double[] forward(Seq2SeqBatch batch) {
        this.batch = batch;
        int b = batch.size(), s = batch.sourceTokens(), t = batch.targetTokens();
        double[] encoded = encoder.forward(sourceEmbedding.forward(TimeMajor.swap(batch.source(), b, s)), s, b, null);
        double[] full = encoder.states(); // [S·B, W]
        int w = full.length / (s * b);
        double[] initial = new double[b * w];
        for (int i = 0; i < b; i++) {
            for (int c = 0; c < w; c++) {
                initial[i * w + c] = full[((batch.sourceLengths()[i] - 1) * b + i) * w + c];
            }
        }
        double[] states = decoder.forward(targetEmbedding.forward(TimeMajor.swap(batch.decoderInput(), b, t)), t, b, initial);
        double[] features = states;
        if (attention != null) {
            double[] context = attention.forward(states, t, encoded, s, b, batch.sourceLengths());
            features = new double[t * b * 2 * hidden];
            for (int r = 0; r < t * b; r++) {
                for (int c = 0; c < hidden; c++) {
                    features[r * 2 * hidden + c] = states[r * hidden + c];
                    features[r * 2 * hidden + hidden + c] = context[r * hidden + c];
                }
            }
        }
        return TimeMajor.swap(output.forward(features, t * b), t, b, vocab);
    }

    public void backward(double[] dLogits) {
        int b = batch.size(), s = batch.sourceTokens(), t = batch.targetTokens();
        double[] dFeatures = output.backward(TimeMajor.swap(dLogits, b, t, vocab));
        double[] dStates = new double[t * b * hidden], dEncoder = new double[s * b * hidden];
        int width = attention == null ? hidden : 2 * hidden;
        double[] dContext = new double[t * b * hidden];
        for (int r = 0; r < t * b; r++) {
            for (int c = 0; c < hidden; c++) {
                dStates[r * hidden + c] = dFeatures[r * width + c];
                if (attention != null) dContext[r * hidden + c] = dFeatures[r * width + hidden + c];
            }
        }
        if (attention != null) {
            AdditiveAttentionReference.Gradients g = attention.backward(dContext);
            for (int i = 0; i < dStates.length; i++) dStates[i] += g.queries()[i];
            for (int i = 0; i < dEncoder.length; i++) dEncoder[i] += g.memory()[i];
        }
        RecurrentReference.Gradients dDecoder = decoder.backward(dStates, null);
        targetEmbedding.backward(dDecoder.input());
        int w = dDecoder.initialState().length / b;
        double[] dEncoderStates = new double[s * b * w];
        for (int i = 0; i < b; i++) {
            for (int c = 0; c < w; c++) {
                dEncoderStates[((batch.sourceLengths()[i] - 1) * b + i) * w + c] = dDecoder.initialState()[i * w + c];
            }
        }
        sourceEmbedding.backward(encoder.backward(dEncoder, dEncoderStates).input());
    }
}
