package dev.attend.train.seq2seq;

import dev.attend.train.layers.AttentionReference;
import dev.attend.train.layers.LayerNormalizationReference;
import dev.attend.train.layers.MlpReference;
import dev.attend.train.layers.ReferenceParameter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The double-precision twin of {@link DecoderBlock}. */
public final class DecoderBlockReference {

    public record Gradients(double[] input, double[] memory) {}

    private final AttentionReference selfAttention;
    private final LayerNormalizationReference selfNorm;
    private final AttentionReference crossAttention;
    private final LayerNormalizationReference crossNorm;
    private final MlpReference mlp;
    private final LayerNormalizationReference outputNorm;

    public DecoderBlockReference(DecoderBlock fast) {
        this.selfAttention = new AttentionReference(fast.selfAttention());
        this.selfNorm = new LayerNormalizationReference(fast.selfNorm());
        this.crossAttention = new AttentionReference(fast.crossAttention());
        this.crossNorm = new LayerNormalizationReference(fast.crossNorm());
        this.mlp = new MlpReference(fast.mlp());
        this.outputNorm = new LayerNormalizationReference(fast.outputNorm());
    }

    public List<ReferenceParameter> parameters() {
        List<ReferenceParameter> all = new ArrayList<>(selfAttention.parameters());
        all.addAll(selfNorm.parameters());
        all.addAll(crossAttention.parameters());
        all.addAll(crossNorm.parameters());
        all.addAll(mlp.parameters());
        all.addAll(outputNorm.parameters());
        return all;
    }

    public double[] forward(double[] x, int tokens, double[] memory, int memoryTokens, int batch, int[] memoryLengths) {
        int rows = batch * tokens;
        int[] all = new int[batch];
        Arrays.fill(all, tokens);
        double[] h1 = selfNorm.forward(sum(x, selfAttention.forward(x, batch, tokens, all)), rows);
        double[] h2 = crossNorm.forward(sum(h1, crossAttention.forward(h1, tokens, memory, memoryTokens, batch, memoryLengths)), rows);
        return outputNorm.forward(sum(h2, mlp.forward(h2, rows)), rows);
    }

    public Gradients backward(double[] dy) {
        double[] dOutputSum = outputNorm.backward(dy);
        double[] dh2 = sum(dOutputSum, mlp.backward(dOutputSum));
        double[] dCrossSum = crossNorm.backward(dh2);
        AttentionReference.Gradients cross = crossAttention.backward(dCrossSum);
        double[] dSelfSum = selfNorm.backward(sum(dCrossSum, cross.input()));
        AttentionReference.Gradients self = selfAttention.backward(dSelfSum);
        return new Gradients(sum(sum(dSelfSum, self.input()), self.memory()), cross.memory());
    }

    static double[] sum(double[] a, double[] b) {
        double[] s = new double[a.length];
        for (int i = 0; i < s.length; i++) s[i] = a[i] + b[i];
        return s;
    }
}
