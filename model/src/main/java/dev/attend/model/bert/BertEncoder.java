package dev.attend.model.bert;

import dev.attend.core.Epilogue;
import dev.attend.core.LayerNorm;
import dev.attend.core.MatrixView;
import dev.attend.core.attention.MultiHeadAttention;
import dev.attend.core.attention.Projection;

import java.util.ArrayList;
import java.util.List;

/**
 * The BERT encoder forward pass in float32 over several sequences packed without padding:
 * embeddings + LayerNorm, then per layer: self-attention (Q/K/V, attention, output dense),
 * residual + LayerNorm, GELU(erf) feed-forward, residual + LayerNorm.
 * Weights are packed once here; {@link #forward} keeps no state, so one encoder serves many threads.
 */
public final class BertEncoder {
    private final BertWeights weights;
    private final BertConfig config;
    private final EmbeddingWeights embeddings;
    private final List<Layer> layers = new ArrayList<>();

    private record Layer(MultiHeadAttention attention, NormWeights attentionNorm, Projection intermediate,
                         Projection output, NormWeights outputNorm) {}

    public BertEncoder(BertWeights weights) {
        this.weights = weights;
        this.config = weights.config();
        this.embeddings = weights.embeddings();
        for (LayerWeights w : weights.layers()) {
            MultiHeadAttention attention = new MultiHeadAttention(
                    view(w.query()), w.query().bias(), view(w.key()), w.key().bias(), view(w.value()), w.value().bias(),
                    view(w.attentionOutput()), w.attentionOutput().bias(), config.numHeads(), config.numHeads());
            layers.add(new Layer(attention, w.attentionNorm(), projection(w.intermediate()), projection(w.output()),
                    w.outputNorm()));
        }
    }

    public BertConfig config() {
        return config;
    }

    /** The weights this encoder was built from (e.g. for a training-side copy with backward passes). */
    public BertWeights weights() {
        return weights;
    }

    /**
     * Sequences packed back to back without padding: sequence b is the {@code lengths[b]} tokens after those of
     * sequences 0 .. b-1, with positions counted from 0 in each; every sequence attends only to itself.
     *
     * @param ids     [Σ lengths] token ids
     * @param typeIds [Σ lengths] token type (segment) ids
     * @return the last hidden state [Σ lengths, hidden]
     */
    public float[] forward(int[] ids, int[] typeIds, int[] lengths, float[][] headMask, EncoderObserver observer) {
        int hidden = config.hiddenSize();
        int rows = ids.length;
        float[] x = new float[rows * hidden]; // [Σ lengths, hidden]
        embed(ids, typeIds, lengths, x);
        if (observer != null) observer.hiddenState(0, x);
        float[] attended = new float[rows * hidden];                           // [Σ lengths, hidden]
        float[] inner = new float[rows * config.intermediateSize()];          // [Σ lengths, intermediate]
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            layer.attention().forwardPacked(x, lengths, headMask == null ? null : headMask[l], attended,
                    observer == null ? null : observer.attentionObserver(l));
            LayerNorm.addAndApply(attended, x, rows, hidden, layer.attentionNorm().gamma(), layer.attentionNorm().beta(),
                    config.layerNormEps(), x);
            layer.intermediate().apply(x, rows, inner, Epilogue.Activation.GELU);
            layer.output().apply(inner, rows, attended, Epilogue.Activation.NONE);
            LayerNorm.addAndApply(attended, x, rows, hidden, layer.outputNorm().gamma(), layer.outputNorm().beta(),
                    config.layerNormEps(), x);
            if (observer != null) observer.hiddenState(l + 1, x);
        }
        return x;
    }

    private void embed(int[] ids, int[] typeIds, int[] lengths, float[] x) {
        int hidden = config.hiddenSize();
        for (int b = 0, row = 0; b < lengths.length; b++) {
            for (int i = 0; i < lengths[b]; i++, row++) {
                int id = ids[row];
                int type = typeIds[row];
                for (int c = 0; c < hidden; c++) {
                    x[row * hidden + c] = embeddings.word()[id * hidden + c] + embeddings.position()[i * hidden + c]
                            + embeddings.tokenType()[type * hidden + c];
                }
            }
        }
        LayerNorm.apply(x, ids.length, hidden, embeddings.norm().gamma(), embeddings.norm().beta(), config.layerNormEps(), x);
    }

    private static MatrixView view(DenseWeights w) {
        return MatrixView.of(w.weight(), w.in(), w.out());
    }

    private static Projection projection(DenseWeights w) {
        return Projection.concat(new MatrixView[] {view(w)}, new float[][] {w.bias()});
    }
}
