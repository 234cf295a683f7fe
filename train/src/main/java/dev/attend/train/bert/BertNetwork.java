package dev.attend.train.bert;

import dev.attend.model.bert.BertConfig;
import dev.attend.model.bert.BertWeights;
import dev.attend.train.layers.Parameter;
import dev.attend.train.model.EncoderBlock;
import dev.attend.train.model.TransformerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A pretrained BERT encoder (MiniLM, bge-small, a Hugging Face folder) rebuilt from train's layers, so that a
 * loss can be differentiated through it:
 * <pre>
 * ids, type ids [B, T] → word + position + token type = e → LayerNorm      [B·T, C]
 *                      → blocks: LN(x + attention_ξ(x)), LN(h + mlp(h))     [B·T, C]  = last hidden state
 * </pre>
 * The same computation as the engine's forward-only {@code BertEncoder} (exact-erf GELU, the model's LayerNorm
 * eps), in float32 on core's kernels. {@link #backward} takes ∂L/∂(last hidden state) and returns ∂L/∂e, the
 * gradient with respect to the input embeddings (for gradient × input); it also leaves ∂L/∂ξ for every head
 * ({@link #headMaskGradients}) and adds into every parameter's gradient. Not thread-safe: a forward keeps what
 * its backward needs.
 *
 * <pre>{@code
 * BertNetwork net = BertNetwork.of(Models.load("minilm").weights());
 * BertInput in = BertInput.of(List.of(tokenizer.encode("The cat sat on the mat")));
 * float[] last = net.forward(in);               // [T, 384]
 * float[] dInput = net.backward(dLossDLast);    // [T, 384]; net.inputEmbeddings() holds e
 * }</pre>
 */
public final class BertNetwork {
    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final List<EncoderBlock> blocks = new ArrayList<>();

    private BertNetwork(BertConfig c, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double std = TransformerConfig.INIT_STD;
        this.config = c;
        this.embeddings = new BertEmbeddings(c.vocabSize(), c.maxPositions(), c.typeVocabSize(), c.hiddenSize(),
                c.layerNormEps(), random, std);
        for (int l = 0; l < c.numLayers(); l++) {
            blocks.add(new EncoderBlock(l, c.hiddenSize(), c.numHeads(), c.intermediateSize(), false, c.layerNormEps(),
                    random));
        }
    }

    /** A network with these pretrained weights (copied; the engine's weights are not touched). */
    public static BertNetwork of(BertWeights weights) {
        BertNetwork network = new BertNetwork(weights.config(), 0);
        BertParameterNames.load(weights, network.parameters());
        return network;
    }

    /** A network of this shape with normal(0, 0.02) weights from {@code seed} (for tests and experiments). */
    public static BertNetwork random(BertConfig config, long seed) {
        return new BertNetwork(config, seed);
    }

    public BertConfig config() {
        return config;
    }

    /** Every parameter, under its Hugging Face BERT name, embeddings first. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(embeddings.parameters());
        blocks.forEach(b -> all.addAll(b.parameters()));
        return all;
    }

    /** The current weights in the engine's layout, e.g. to run the same network on {@code BertEncoder}. */
    public BertWeights weights() {
        return BertParameterNames.export(config, parameters());
    }

    /** ξ [layers][heads] multiplies each head's context (1 keeps, 0 removes; null keeps all). */
    public void setHeadMask(float[][] mask) {
        if (mask != null && mask.length != blocks.size()) {
            throw new IllegalArgumentException("head mask has " + mask.length + " layers; the model has " + blocks.size());
        }
        for (int l = 0; l < blocks.size(); l++) {
            blocks.get(l).attention().setHeadMask(mask == null ? null : mask[l]);
        }
    }

    /** The last hidden state [B·T, C]; keeps what backward needs. */
    public float[] forward(BertInput in) {
        float[] x = embeddings.forward(in); // [B·T, C]
        for (EncoderBlock block : blocks) {
            x = block.forward(x, in.batch(), in.tokens(), in.lengths());
        }
        return x;
    }

    /** The last forward's input embeddings e = word + position + token type: [B·T, C]. */
    public float[] inputEmbeddings() {
        return embeddings.input();
    }

    /**
     * dLast [B·T, C] → ∂L/∂e [B·T, C]; adds into parameter and head-mask gradients. Padded keys are masked, so
     * padding rows pass nothing to real tokens, and their ∂L/∂e is zero when dLast is zero there.
     */
    public float[] backward(float[] dLast) {
        float[] dx = dLast;
        for (int l = blocks.size() - 1; l >= 0; l--) {
            dx = blocks.get(l).backward(dx);
        }
        return embeddings.backward(dx);
    }

    /** ∂L/∂ξ of the last backward: [layers][batch·heads], per batch item so that per-example values stay apart. */
    public float[][] headMaskGradients() {
        float[][] g = new float[blocks.size()][];
        for (int l = 0; l < g.length; l++) {
            g[l] = blocks.get(l).attention().headMaskGradients();
        }
        return g;
    }

    /** The last forward's attention weights of layer l for batch item b: [heads, T, T]. */
    public float[] attentionWeights(int layer, int b) {
        return blocks.get(layer).attention().weights(b);
    }

    BertEmbeddings embeddings() {
        return embeddings;
    }

    List<EncoderBlock> blocks() {
        return blocks;
    }
}
