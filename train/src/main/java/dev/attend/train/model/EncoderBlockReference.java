package dev.attend.train.model;

import dev.attend.train.layers.AttentionReference;
import dev.attend.train.layers.LayerNormalizationReference;
import dev.attend.train.layers.MlpReference;
import dev.attend.train.layers.ReferenceParameter;

import java.util.ArrayList;
import java.util.List;

/** The double-precision twin of {@link EncoderBlock}. */
public final class EncoderBlockReference {
    private final AttentionReference attention;
    private final LayerNormalizationReference attentionNorm;
    private final MlpReference mlp;
    private final LayerNormalizationReference outputNorm;

    public EncoderBlockReference(EncoderBlock fast) {
        this.attention = new AttentionReference(fast.attention());
        this.attentionNorm = new LayerNormalizationReference(fast.attentionNorm());
        this.mlp = fast.mlp() == null ? null : new MlpReference(fast.mlp());
        this.outputNorm = fast.mlp() == null ? null : new LayerNormalizationReference(fast.outputNorm());
    }

    public AttentionReference attention() {
        return attention;
    }

    public List<ReferenceParameter> parameters() {
        List<ReferenceParameter> all = new ArrayList<>(attention.parameters());
        all.addAll(attentionNorm.parameters());
        if (mlp != null) {
            all.addAll(mlp.parameters());
            all.addAll(outputNorm.parameters());
        }
        return all;
    }

    public double[] forward(double[] x, int batch, int tokens, int[] lengths) {
        int rows = batch * tokens;
        double[] h = attentionNorm.forward(sum(x, attention.forward(x, batch, tokens, lengths)), rows);
        return mlp == null ? h : outputNorm.forward(sum(h, mlp.forward(h, rows)), rows);
    }

    public double[] backward(double[] dy) {
        double[] dh = dy;
        if (mlp != null) {
            double[] dSecondSum = outputNorm.backward(dy);
            dh = sum(dSecondSum, mlp.backward(dSecondSum));
        }
        double[] dFirstSum = attentionNorm.backward(dh);
        AttentionReference.Gradients dAttention = attention.backward(dFirstSum);
        return sum(sum(dFirstSum, dAttention.input()), dAttention.memory());
    }

    private static double[] sum(double[] a, double[] b) {
        double[] s = new double[a.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = a[i] + b[i];
        }
        return s;
    }
}
