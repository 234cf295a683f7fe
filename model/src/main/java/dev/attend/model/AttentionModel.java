package dev.attend.model;

import dev.attend.model.bert.BertConfig;
import dev.attend.model.bert.BertEncoder;
import dev.attend.model.bert.BertWeights;
import dev.attend.model.registry.Pooling;
import dev.attend.model.tokenize.TokenizedText;
import dev.attend.model.tokenize.Tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * A loaded transformer with its tokenizer: text in, {@link AttentionTrace} out.
 *
 * <pre>{@code
 * AttentionModel m = Models.load("minilm");
 * AttentionTrace t = m.trace("The cat sat on the mat because it was tired", Capture.attention());
 * float w = t.weight(5, 11, 8, 2); // layer 5, head 11: how much "it" (token 8) looks at "cat" (token 2)
 * }</pre>
 *
 * Safe to use from several threads at once: weights are immutable after loading and every call works in
 * buffers of its own.
 */
public final class AttentionModel implements AutoCloseable {
    private final String key;
    private final String name;
    private final String source;
    private final Tokenizer tokenizer;
    private final BertEncoder encoder;
    private final Pooling pooling;

    public AttentionModel(String key, String name, String source, Tokenizer tokenizer, BertEncoder encoder,
                          Pooling pooling) {
        this.key = key;
        this.name = name;
        this.source = source;
        this.tokenizer = tokenizer;
        this.encoder = encoder;
        this.pooling = pooling;
    }

    /** What the model was loaded as: a registry key or a path. */
    public String key() {
        return key;
    }

    /** The model's own name, e.g. all-MiniLM-L6-v2. */
    public String name() {
        return name;
    }

    /** Where the weights came from, for provenance: a Maven artifact with its version, or a local path. */
    public String source() {
        return source;
    }

    public BertConfig config() {
        return encoder.config();
    }

    /** Every weight of the encoder, as loaded. */
    public BertWeights weights() {
        return encoder.weights();
    }

    /** How this model turns token states into one sentence embedding. */
    public Pooling pooling() {
        return pooling;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public AttentionTrace trace(String text, Capture capture) {
        return trace(tokenizer.encode(text), capture);
    }

    /** A sentence pair, encoded as [CLS] A [SEP] B [SEP] with token types 0 and 1. */
    public AttentionTrace tracePair(String first, String second, Capture capture) {
        return trace(tokenizer.encodePair(first, second), capture);
    }

    public AttentionTrace trace(TokenizedText text, Capture capture) {
        return traceBatch(List.of(text), capture).get(0);
    }

    /** Several texts in one forward pass, padded to the longest, each masked to its own length. */
    public List<AttentionTrace> traceBatch(List<TokenizedText> texts, Capture capture) {
        BertConfig config = encoder.config();
        int batch = texts.size();
        int n = texts.stream().mapToInt(TokenizedText::size).max().orElse(0);
        int[] lengths = new int[batch];
        int[] ids = new int[batch * n];       // [batch, n], 0-padded
        int[] typeIds = new int[batch * n];   // [batch, n]
        for (int b = 0; b < batch; b++) {
            TokenizedText t = texts.get(b);
            lengths[b] = t.size();
            check(t, config);
            System.arraycopy(t.ids(), 0, ids, b * n, t.size());
            System.arraycopy(t.typeIds(), 0, typeIds, b * n, t.size());
        }
        checkHeadMask(capture.headMask(), config);
        TraceCollector collector = new TraceCollector(capture, batch, n, lengths, config.numLayers(), config.numHeads(),
                config.hiddenSize());
        float[] last = encoder.forward(ids, typeIds, batch, n, lengths, capture.headMask(),
                collector.needed() ? collector : null); // [batch·n, hidden]
        List<AttentionTrace> traces = new ArrayList<>(batch);
        int hidden = config.hiddenSize();
        for (int b = 0; b < batch; b++) {
            TokenizedText t = texts.get(b);
            float[] own = new float[t.size() * hidden];
            System.arraycopy(last, b * n * hidden, own, 0, own.length);
            HeadVectors vectors = collector.vectors == null ? null : new HeadVectors(collector.vectors[b][0],
                    collector.vectors[b][1], collector.vectors[b][2], collector.vectors[b][3]);
            traces.add(new AttentionTrace(name, t, t.tokens(), t.tokens(), false, config.numLayers(), config.numHeads(),
                    hidden, collector.attention == null ? null : collector.attention[b], vectors,
                    collector.hiddenStates == null ? null : collector.hiddenStates[b], own));
        }
        return traces;
    }

    /**
     * Normalised sentence embeddings with this model's pooling, {@code batch} texts per forward pass (texts of
     * similar length are batched together, so little is spent on padding); in the order given.
     */
    public float[][] embed(List<String> texts, int batch) {
        List<TokenizedText> encoded = texts.stream().map(tokenizer::encode).toList();
        Integer[] order = new Integer[encoded.size()];
        for (int k = 0; k < order.length; k++) order[k] = k;
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(k -> encoded.get(k).size()));
        float[][] out = new float[encoded.size()][];
        for (int from = 0; from < order.length; from += batch) {
            int to = Math.min(order.length, from + batch);
            List<TokenizedText> group = new ArrayList<>();
            for (int k = from; k < to; k++) group.add(encoded.get(order[k]));
            List<AttentionTrace> traces = traceBatch(group, Capture.none());
            for (int k = from; k < to; k++) out[order[k]] = SentenceEmbeddings.of(traces.get(k - from), pooling);
        }
        return out;
    }

    private void check(TokenizedText t, BertConfig config) {
        if (t.size() > config.maxPositions()) {
            throw new InputException("text has " + t.size() + " tokens; " + name + " takes at most "
                    + config.maxPositions() + " — shorten it");
        }
        for (int i = 0; i < t.size(); i++) {
            if (t.ids()[i] < 0 || t.ids()[i] >= config.vocabSize()) {
                throw new ModelException("the tokenizer gave id " + t.ids()[i] + " but " + name + " has a vocabulary of "
                        + config.vocabSize() + ": the tokenizer.json does not belong to this model");
            }
            if (t.typeIds()[i] < 0 || t.typeIds()[i] >= config.typeVocabSize()) {
                throw new InputException(name + " has " + config.typeVocabSize() + " token types; sentence pairs need 2");
            }
        }
    }

    private static void checkHeadMask(float[][] mask, BertConfig config) {
        if (mask == null) return;
        if (mask.length != config.numLayers()) {
            throw new InputException("head mask has " + mask.length + " layers; the model has " + config.numLayers());
        }
        for (float[] layer : mask) {
            if (layer.length != config.numHeads()) {
                throw new InputException("head mask has " + layer.length + " heads in a layer; the model has " + config.numHeads());
            }
        }
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
