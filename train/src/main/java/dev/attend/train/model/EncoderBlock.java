package dev.attend.train.model;

import dev.attend.train.layers.Attention;
import dev.attend.train.layers.LayerNormalization;
import dev.attend.train.layers.Mlp;
import dev.attend.train.layers.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One post-LN encoder block, as in BERT: h = LN(x + attention(x)), y = LN(h + mlp(h)). Parameters carry
 * Hugging Face BERT names under {@code encoder.layer.i}.
 */
public final class EncoderBlock {
    private final Attention attention;
    private final LayerNormalization attentionNorm;
    private final Mlp mlp;
    private final LayerNormalization outputNorm;
    private int rows;

    EncoderBlock(int index, TransformerConfig c, RandomGenerator random) {
        this(index, c.hidden(), c.heads(), c.intermediate(), c.causal(), c.scaled(), c.layerNormEps(), random);
    }

    /** Block {@code index} of any post-LN encoder (e.g. a pretrained BERT's, whose weights are copied in afterwards). */
    public EncoderBlock(int index, int hidden, int heads, int intermediate, boolean causal, float layerNormEps,
                        RandomGenerator random) {
        this(index, hidden, heads, intermediate, causal, true, layerNormEps, random);
    }

    /** {@code intermediate} 0: attention only, y = LN(x + attention(x)); {@code scaled} false: logits without 1/√d. */
    private EncoderBlock(int index, int hidden, int heads, int intermediate, boolean causal, boolean scaled,
                         float layerNormEps, RandomGenerator random) {
        String prefix = "encoder.layer." + index;
        double std = TransformerConfig.INIT_STD;
        this.attention = new Attention(prefix + ".attention", hidden, heads, causal, scaled, random, std);
        this.attentionNorm = new LayerNormalization(prefix + ".attention.output.LayerNorm", hidden, layerNormEps);
        this.mlp = intermediate > 0 ? new Mlp(prefix, hidden, intermediate, random, std) : null;
        this.outputNorm = intermediate > 0 ? new LayerNormalization(prefix + ".output.LayerNorm", hidden, layerNormEps) : null;
    }

    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(attention.parameters());
        all.addAll(attentionNorm.parameters());
        if (mlp != null) {
            all.addAll(mlp.parameters());
            all.addAll(outputNorm.parameters());
        }
        return all;
    }

    /** x [batch·T, hidden] → [batch·T, hidden]. */
    public float[] forward(float[] x, int batch, int tokens, int[] lengths) {
        rows = batch * tokens;
        float[] h = attentionNorm.forward(sum(x, attention.forward(x, batch, tokens, lengths)), rows);
        return mlp == null ? h : outputNorm.forward(sum(h, mlp.forward(h, rows)), rows);
    }

    public float[] backward(float[] dy) {
        float[] dh = dy;
        if (mlp != null) {
            float[] dSecondSum = outputNorm.backward(dy);
            dh = sum(dSecondSum, mlp.backward(dSecondSum));
        }
        float[] dFirstSum = attentionNorm.backward(dh);
        Attention.Gradients dAttention = attention.backward(dFirstSum);
        return sum(sum(dFirstSum, dAttention.input()), dAttention.memory());
    }

    public Attention attention() {
        return attention;
    }

    LayerNormalization attentionNorm() {
        return attentionNorm;
    }

    /** Null in an attention-only block. */
    Mlp mlp() {
        return mlp;
    }

    LayerNormalization outputNorm() {
        return outputNorm;
    }

    private static float[] sum(float[] a, float[] b) {
        float[] s = new float[a.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = a[i] + b[i];
        }
        return s;
    }
}
