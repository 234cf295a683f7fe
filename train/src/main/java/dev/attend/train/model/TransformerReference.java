package dev.attend.train.model;

import dev.attend.train.layers.EmbeddingReference;
import dev.attend.train.layers.LayerNormalizationReference;
import dev.attend.train.layers.LinearReference;
import dev.attend.train.layers.ReferenceParameter;

import java.util.ArrayList;
import java.util.List;

/** The double-precision twin of {@link Transformer}, built from its current weights. */
public final class TransformerReference {
    private final int hidden;
    private final EmbeddingReference embedding;
    private final LayerNormalizationReference embeddingNorm;
    private final List<EncoderBlockReference> blocks = new ArrayList<>();
    private final LinearReference classifier;
    private Batch batch;

    public TransformerReference(Transformer fast) {
        this.hidden = fast.config().hidden();
        this.embedding = new EmbeddingReference(fast.embedding());
        this.embeddingNorm = new LayerNormalizationReference(fast.embeddingNorm());
        fast.blocks().forEach(b -> blocks.add(new EncoderBlockReference(b)));
        this.classifier = new LinearReference(fast.classifier());
    }

    /** In the order of {@link Transformer#parameters()}. */
    public List<ReferenceParameter> parameters() {
        List<ReferenceParameter> all = new ArrayList<>(embedding.parameters());
        all.addAll(embeddingNorm.parameters());
        blocks.forEach(b -> all.addAll(b.parameters()));
        all.addAll(classifier.parameters());
        return all;
    }

    public void setHeadMask(double[][] mask) {
        for (int l = 0; l < blocks.size(); l++) {
            blocks.get(l).attention().setHeadMask(mask == null ? null : mask[l]);
        }
    }

    /** ∂L/∂ξ of the last backward: [layers][batch·heads]. */
    public double[][] headMaskGradients() {
        double[][] g = new double[blocks.size()][];
        for (int l = 0; l < g.length; l++) g[l] = blocks.get(l).attention().headMaskGradients();
        return g;
    }

    public double[] forward(Batch batch) {
        this.batch = batch;
        double[] x = embeddingNorm.forward(embedding.forward(batch.ids(), batch.tokens()), batch.size() * batch.tokens());
        for (EncoderBlockReference block : blocks) {
            x = block.forward(x, batch.size(), batch.tokens(), batch.lengths());
        }
        int reads = batch.readPositions().length;
        double[] read = new double[reads * hidden]; // [B·reads, C]
        for (int r = 0; r < reads; r++) {
            System.arraycopy(x, batch.readRow(r) * hidden, read, r * hidden, hidden);
        }
        return classifier.forward(read, reads);
    }

    public void backward(double[] dLogits) {
        double[] dRead = classifier.backward(dLogits);
        double[] dx = new double[batch.size() * batch.tokens() * hidden];
        for (int r = 0; r < batch.readPositions().length; r++) {
            int row = batch.readRow(r) * hidden;
            for (int i = 0; i < hidden; i++) dx[row + i] += dRead[r * hidden + i]; // a position may be read twice
        }
        for (int l = blocks.size() - 1; l >= 0; l--) {
            dx = blocks.get(l).backward(dx);
        }
        embedding.backward(embeddingNorm.backward(dx));
    }
}
