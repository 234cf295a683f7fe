package dev.attend.train.bert;

import dev.attend.train.layers.ReferenceParameter;
import dev.attend.train.model.EncoderBlockReference;

import java.util.ArrayList;
import java.util.List;

/**
 * The double-precision twin of {@link BertNetwork}, built from its current weights: every layer a plain-loop
 * reference, the head mask ξ in double. Slow (no GEMM), meant for checks: finite differences of a loss with respect
 * to ξ or to the input embeddings.
 */
public final class BertNetworkReference {
    private final BertEmbeddingsReference embeddings;
    private final List<EncoderBlockReference> blocks = new ArrayList<>();
    private BertInput input;

    public BertNetworkReference(BertNetwork fast) {
        this.embeddings = new BertEmbeddingsReference(fast.embeddings());
        fast.blocks().forEach(b -> blocks.add(new EncoderBlockReference(b)));
    }

    /** In the order of {@link BertNetwork#parameters()}. */
    public List<ReferenceParameter> parameters() {
        List<ReferenceParameter> all = new ArrayList<>(embeddings.parameters());
        blocks.forEach(b -> all.addAll(b.parameters()));
        return all;
    }

    public void setHeadMask(double[][] mask) {
        for (int l = 0; l < blocks.size(); l++) {
            blocks.get(l).attention().setHeadMask(mask == null ? null : mask[l]);
        }
    }

    public double[] forward(BertInput in) {
        this.input = in;
        return encode(embeddings.forward(in));
    }

    /** The forward from given input embeddings e [B·T, C] (the last forward's batch shape), for checks on ∂L/∂e. */
    public double[] forwardFromEmbeddings(double[] e) {
        return encode(embeddings.normalise(e));
    }

    private double[] encode(double[] x) {
        for (EncoderBlockReference block : blocks) {
            x = block.forward(x, input.batch(), input.tokens(), input.lengths());
        }
        return x;
    }

    /** The last forward's input embeddings: [B·T, C]. */
    public double[] inputEmbeddings() {
        return embeddings.input();
    }

    public double[] backward(double[] dLast) {
        double[] dx = dLast;
        for (int l = blocks.size() - 1; l >= 0; l--) {
            dx = blocks.get(l).backward(dx);
        }
        return embeddings.backward(dx);
    }

    /** [layers][batch·heads]. */
    public double[][] headMaskGradients() {
        double[][] g = new double[blocks.size()][];
        for (int l = 0; l < g.length; l++) {
            g[l] = blocks.get(l).attention().headMaskGradients();
        }
        return g;
    }
}
