package dev.attend.train.seq2seq;

import dev.attend.train.layers.EmbeddingReference;
import dev.attend.train.layers.LayerNormalizationReference;
import dev.attend.train.layers.LinearReference;
import dev.attend.train.layers.ReferenceParameter;
import dev.attend.train.model.EncoderBlockReference;

import java.util.ArrayList;
import java.util.List;

/** The double-precision twin of {@link TransformerSeq2Seq}, built from its current weights. */
public final class TransformerSeq2SeqReference {
    private final EmbeddingReference sourceEmbedding;
    private final LayerNormalizationReference sourceNorm;
    private final List<EncoderBlockReference> encoder = new ArrayList<>();
    private final EmbeddingReference targetEmbedding;
    private final LayerNormalizationReference targetNorm;
    private final List<DecoderBlockReference> decoder = new ArrayList<>();
    private final LinearReference head;
    private double[] memory;

    public TransformerSeq2SeqReference(TransformerSeq2Seq fast) {
        this.sourceEmbedding = new EmbeddingReference(fast.sourceEmbedding());
        this.sourceNorm = new LayerNormalizationReference(fast.sourceNorm());
        fast.encoder().forEach(b -> encoder.add(new EncoderBlockReference(b)));
        this.targetEmbedding = new EmbeddingReference(fast.targetEmbedding());
        this.targetNorm = new LayerNormalizationReference(fast.targetNorm());
        fast.decoder().forEach(b -> decoder.add(new DecoderBlockReference(b)));
        this.head = new LinearReference(fast.head());
    }

    /** In the order of {@link TransformerSeq2Seq#parameters()}. */
    public List<ReferenceParameter> parameters() {
        List<ReferenceParameter> all = new ArrayList<>(sourceEmbedding.parameters());
        all.addAll(sourceNorm.parameters());
        encoder.forEach(b -> all.addAll(b.parameters()));
        all.addAll(targetEmbedding.parameters());
        all.addAll(targetNorm.parameters());
        decoder.forEach(b -> all.addAll(b.parameters()));
        all.addAll(head.parameters());
        return all;
    }

    public double[] forward(Seq2SeqBatch batch) {
        int b = batch.size(), s = batch.sourceTokens(), t = batch.targetTokens();
        double[] m = sourceNorm.forward(sourceEmbedding.forward(batch.source(), s), b * s);
        for (EncoderBlockReference block : encoder) m = block.forward(m, b, s, batch.sourceLengths());
        memory = m;
        double[] x = targetNorm.forward(targetEmbedding.forward(batch.decoderInput(), t), b * t);
        for (DecoderBlockReference block : decoder) x = block.forward(x, t, memory, s, b, batch.sourceLengths());
        return head.forward(x, b * t);
    }

    public void backward(double[] dLogits) {
        double[] dx = head.backward(dLogits);
        double[] dMemory = new double[memory.length];
        for (int l = decoder.size() - 1; l >= 0; l--) {
            DecoderBlockReference.Gradients g = decoder.get(l).backward(dx);
            dx = g.input();
            dMemory = DecoderBlockReference.sum(dMemory, g.memory());
        }
        targetEmbedding.backward(targetNorm.backward(dx));
        for (int l = encoder.size() - 1; l >= 0; l--) dMemory = encoder.get(l).backward(dMemory);
        sourceEmbedding.backward(sourceNorm.backward(dMemory));
    }
}
