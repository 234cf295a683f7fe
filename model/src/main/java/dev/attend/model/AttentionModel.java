package dev.attend.model;

import dev.attend.core.MatrixView;
import dev.attend.core.attention.AttentionObserver;
import dev.attend.core.attention.WeightBlocks;
import dev.attend.model.bert.BertConfig;
import dev.attend.model.bert.BertEncoder;
import dev.attend.model.bert.BertWeights;
import dev.attend.model.bert.EncoderObserver;
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

    /**
     * Several texts in one forward pass, packed back to back without padding (each attends only to itself), so
     * texts of different lengths cost what they would alone.
     */
    public List<AttentionTrace> traceBatch(List<TokenizedText> texts, Capture capture) {
        BertConfig config = encoder.config();
        int batch = texts.size();
        PackedBatch in = pack(texts);
        checkHeadMask(capture.headMask(), config);
        TraceCollector collector = new TraceCollector(capture, in.lengths(), config.numLayers(), config.numHeads(),
                config.hiddenSize());
        float[] last = encoder.forward(in.ids(), in.typeIds(), in.lengths(), capture.headMask(),
                collector.needed() ? collector : null); // [Σ lengths, hidden]
        List<AttentionTrace> traces = new ArrayList<>(batch);
        int hidden = config.hiddenSize();
        for (int b = 0, first = 0; b < batch; first += texts.get(b).size(), b++) {
            TokenizedText t = texts.get(b);
            float[] own = new float[t.size() * hidden];
            System.arraycopy(last, first * hidden, own, 0, own.length);
            HeadVectors vectors = collector.vectors == null ? null : new HeadVectors(collector.vectors[b][0],
                    collector.vectors[b][1], collector.vectors[b][2], collector.vectors[b][3]);
            traces.add(new AttentionTrace(name, t, t.tokens(), t.tokens(), false, config.numLayers(), config.numHeads(),
                    hidden, collector.attention == null ? null : collector.attention[b], vectors,
                    collector.hiddenStates == null ? null : collector.hiddenStates[b], own));
        }
        return traces;
    }

    /**
     * One forward pass over several texts (packed as in {@link #traceBatch}) that hands every block of
     * attention weights to {@code stream} while it is in cache, instead of keeping [heads, n, n] arrays: for
     * consumers that reduce the weights to a few numbers, such as corpus statistics. The weights are the same as a
     * trace's (the materialising path, never flash).
     */
    public void streamAttention(List<TokenizedText> texts, AttentionStream stream) {
        PackedBatch in = pack(texts);
        encoder.forward(in.ids(), in.typeIds(), in.lengths(), null, new EncoderObserver() {
            @Override
            public AttentionObserver attentionObserver(int layer) {
                return new AttentionObserver() {
                    @Override
                    public float[] weightsBuffer(int b, int size) {
                        return null;
                    }

                    @Override
                    public WeightBlocks weightBlocks(int b) {
                        return (head, firstQuery, rows, weights, offset, stride) ->
                                stream.block(b, layer, head, firstQuery, rows, weights, offset, stride);
                    }

                    @Override
                    public void observe(int b, float[] weights, MatrixView q, MatrixView k, MatrixView v, MatrixView context) {}
                };
            }

            @Override
            public void hiddenState(int layer, float[] state) {}
        });
    }

    /** Token and type ids of the texts back to back [Σ lengths], and each text's length. */
    private record PackedBatch(int[] ids, int[] typeIds, int[] lengths) {}

    private PackedBatch pack(List<TokenizedText> texts) {
        BertConfig config = encoder.config();
        int batch = texts.size();
        int rows = texts.stream().mapToInt(TokenizedText::size).sum();
        PackedBatch in = new PackedBatch(new int[rows], new int[rows], new int[batch]);
        for (int b = 0, first = 0; b < batch; first += in.lengths()[b], b++) {
            TokenizedText t = texts.get(b);
            in.lengths()[b] = t.size();
            check(t, config);
            System.arraycopy(t.ids(), 0, in.ids(), first, t.size());
            System.arraycopy(t.typeIds(), 0, in.typeIds(), first, t.size());
        }
        return in;
    }

    /** Normalised sentence embeddings with this model's pooling, {@code batch} texts per forward pass; in order. */
    public float[][] embed(List<String> texts, int batch) {
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += batch) {
            List<TokenizedText> group = texts.subList(from, Math.min(texts.size(), from + batch)).stream()
                    .map(tokenizer::encode).toList();
            List<AttentionTrace> traces = traceBatch(group, Capture.none());
            for (int k = 0; k < group.size(); k++) out[from + k] = SentenceEmbeddings.of(traces.get(k), pooling);
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
