package dev.attend.train.seq2seq;

import dev.attend.train.layers.Attention;
import dev.attend.train.layers.LayerNormalization;
import dev.attend.train.layers.Mlp;
import dev.attend.train.layers.Parameter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One post-LN decoder block (Vaswani et al. 2017, in BERT's layout and names under {@code decoder.layer.i}):
 * h₁ = LN(x + causal self-attention(x)), h₂ = LN(h₁ + cross-attention(h₁ → encoder output)), y = LN(h₂ + mlp(h₂)).
 */
public final class DecoderBlock {

    /** What backward returns: the gradient of the block's input and of the encoder output it attended to. */
    public record Gradients(float[] input, float[] memory) {}

    private final Attention selfAttention;
    private final LayerNormalization selfNorm;
    private final Attention crossAttention;
    private final LayerNormalization crossNorm;
    private final Mlp mlp;
    private final LayerNormalization outputNorm;

    public DecoderBlock(int index, int hidden, int heads, int intermediate, float layerNormEps, RandomGenerator random,
                        double std) {
        String prefix = "decoder.layer." + index;
        this.selfAttention = new Attention(prefix + ".attention", hidden, heads, true, random, std);
        this.selfNorm = new LayerNormalization(prefix + ".attention.output.LayerNorm", hidden, layerNormEps);
        this.crossAttention = new Attention(prefix + ".crossattention", hidden, heads, false, random, std);
        this.crossNorm = new LayerNormalization(prefix + ".crossattention.output.LayerNorm", hidden, layerNormEps);
        this.mlp = new Mlp(prefix, hidden, intermediate, random, std);
        this.outputNorm = new LayerNormalization(prefix + ".output.LayerNorm", hidden, layerNormEps);
    }

    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(selfAttention.parameters());
        all.addAll(selfNorm.parameters());
        all.addAll(crossAttention.parameters());
        all.addAll(crossNorm.parameters());
        all.addAll(mlp.parameters());
        all.addAll(outputNorm.parameters());
        return all;
    }

    /** x [B·T, C] attends to itself (causally) and to memory [B·S, C] (keys of item b from memoryLengths[b] on are padding). */
    public float[] forward(float[] x, int tokens, float[] memory, int memoryTokens, int batch, int[] memoryLengths) {
        int rows = batch * tokens;
        int[] all = new int[batch];
        Arrays.fill(all, tokens);
        float[] h1 = selfNorm.forward(sum(x, selfAttention.forward(x, batch, tokens, all)), rows);
        float[] h2 = crossNorm.forward(sum(h1, crossAttention.forward(h1, tokens, memory, memoryTokens, batch, memoryLengths)), rows);
        return outputNorm.forward(sum(h2, mlp.forward(h2, rows)), rows);
    }

    public Gradients backward(float[] dy) {
        float[] dOutputSum = outputNorm.backward(dy);
        float[] dh2 = sum(dOutputSum, mlp.backward(dOutputSum));
        float[] dCrossSum = crossNorm.backward(dh2);
        Attention.Gradients cross = crossAttention.backward(dCrossSum);
        float[] dh1 = sum(dCrossSum, cross.input());
        float[] dSelfSum = selfNorm.backward(dh1);
        Attention.Gradients self = selfAttention.backward(dSelfSum);
        return new Gradients(sum(sum(dSelfSum, self.input()), self.memory()), cross.memory());
    }

    /** The last forward's cross-attention weights of batch item b: [heads, T, S]. */
    public float[] crossAttentionWeights(int b) {
        return crossAttention.weights(b);
    }

    Attention selfAttention() {
        return selfAttention;
    }

    LayerNormalization selfNorm() {
        return selfNorm;
    }

    Attention crossAttention() {
        return crossAttention;
    }

    LayerNormalization crossNorm() {
        return crossNorm;
    }

    Mlp mlp() {
        return mlp;
    }

    LayerNormalization outputNorm() {
        return outputNorm;
    }

    static float[] sum(float[] a, float[] b) {
        float[] s = new float[a.length];
        for (int i = 0; i < s.length; i++) s[i] = a[i] + b[i];
        return s;
    }
}
