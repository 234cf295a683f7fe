package dev.attend.model.bert;

import dev.attend.core.Epilogue;
import dev.attend.core.LayerNorm;
import dev.attend.core.MatrixView;
import dev.attend.core.attention.AttentionMask;
import dev.attend.core.attention.MultiHeadAttention;
import dev.attend.core.attention.Projection;

import java.util.ArrayList;
import java.util.List;

/**
 * The BERT encoder forward pass in float32 over a batch of padded sequences:
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
     * @param ids     [batch, n] token ids, padded after each sequence's length
     * @param typeIds [batch, n] token type (segment) ids
     * @param lengths true length of each sequence; keys past it are masked
     * @return the last hidden state [batch·n, hidden]
     */
    public float[] forward(int[] ids, int[] typeIds, int batch, int n, int[] lengths, float[][] headMask,
                           EncoderObserver observer) {
        int hidden = config.hiddenSize();
        int rows = batch * n;
        float[] x = new float[rows * hidden]; // [batch·n, hidden]
        embed(ids, typeIds, batch, n, x);
        if (observer != null) observer.hiddenState(0, x);
        AttentionMask[] masks = new AttentionMask[batch];
        for (int b = 0; b < batch; b++) {
            masks[b] = AttentionMask.padding(lengths[b]);
        }
        float[] attended = new float[rows * hidden];                           // [batch·n, hidden]
        float[] inner = new float[rows * config.intermediateSize()];          // [batch·n, intermediate]
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            int layerIndex = l;
            layer.attention().forward(x, batch, n, masks, headMask == null ? null : headMask[l], attended,
                    observer == null ? null : observer.attentionObserver(layerIndex));
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

    private void embed(int[] ids, int[] typeIds, int batch, int n, float[] x) {
        int hidden = config.hiddenSize();
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                int row = (b * n + i) * hidden;
                int id = ids[b * n + i];
                int type = typeIds[b * n + i];
                for (int c = 0; c < hidden; c++) {
                    x[row + c] = embeddings.word()[id * hidden + c] + embeddings.position()[i * hidden + c]
                            + embeddings.tokenType()[type * hidden + c];
                }
            }
        }
        LayerNorm.apply(x, batch * n, hidden, embeddings.norm().gamma(), embeddings.norm().beta(), config.layerNormEps(), x);
    }

    private static MatrixView view(DenseWeights w) {
        return MatrixView.of(w.weight(), w.in(), w.out());
    }

    private static Projection projection(DenseWeights w) {
        return Projection.concat(new MatrixView[] {view(w)}, new float[][] {w.bias()});
    }
}
