package dev.attend.train.bert;

import dev.attend.model.registry.Pooling;
import dev.attend.model.tokenize.TokenizedText;

import java.util.Arrays;
import java.util.List;

/**
 * Gradients of a scalar with respect to the input embeddings of real texts, for attributions such as
 * gradient × input. For one text: {@code embeddings} e [n, C] (word + position + token type, before the embedding
 * LayerNorm) and {@code gradient} ∂s/∂e [n, C]; {@link #gradientTimesInput} is Σ_c e·∂s/∂e per token.
 *
 * <pre>{@code
 * BertNetwork net = BertNetwork.of(model.weights());
 * InputGradients.Pair p = InputGradients.cosine(net, model.pooling(), tok.encode("A cat sits."), tok.encode("A kitten rests."));
 * float[] perToken = p.first().gradientTimesInput();   // [n of the first text]
 * }</pre>
 */
public record InputGradients(float[] embeddings, float[] gradient, int tokens, int hidden) {

    /** The cosine similarity of two texts' sentence embeddings and its gradients for both texts. */
    public record Pair(double cosine, InputGradients first, InputGradients second) {}

    /** s = cos(embed(a), embed(b)) with the model's pooling; both texts run as one batch of two. */
    public static Pair cosine(BertNetwork network, Pooling pooling, TokenizedText a, TokenizedText b) {
        BertInput in = BertInput.of(List.of(a, b));
        int hidden = network.config().hiddenSize();
        SentencePooling pool = new SentencePooling(pooling);
        double[] z = pool.forward(ContrastiveObjective.widen(network.forward(in)), in, hidden); // [2, C]
        double cosine = 0;
        double[] dz = new double[2 * hidden];
        for (int c = 0; c < hidden; c++) {
            cosine += z[c] * z[hidden + c];
            dz[c] = z[hidden + c];
            dz[hidden + c] = z[c];
        }
        float[] dInput = network.backward(ContrastiveObjective.narrow(pool.backward(dz)));
        return new Pair(cosine, slice(network.inputEmbeddings(), dInput, in, 0, hidden),
                slice(network.inputEmbeddings(), dInput, in, 1, hidden));
    }

    /**
     * The gradient of any scalar of one text's last hidden state: {@code dLast} [n, C] is ∂s/∂(last hidden state),
     * e.g. a classifier's weight row at the read position.
     */
    public static InputGradients of(BertNetwork network, TokenizedText text, float[] dLast) {
        BertInput in = BertInput.of(List.of(text));
        network.forward(in);
        float[] dInput = network.backward(dLast);
        return slice(network.inputEmbeddings(), dInput, in, 0, network.config().hiddenSize());
    }

    /** Σ_c e[i, c] · ∂s/∂e[i, c] per token: [n]. */
    public float[] gradientTimesInput() {
        float[] out = new float[tokens];
        for (int i = 0; i < tokens; i++) {
            double sum = 0;
            for (int c = 0; c < hidden; c++) sum += (double) embeddings[i * hidden + c] * gradient[i * hidden + c];
            out[i] = (float) sum;
        }
        return out;
    }

    private static InputGradients slice(float[] e, float[] de, BertInput in, int b, int hidden) {
        int from = b * in.tokens() * hidden, to = from + in.lengths()[b] * hidden;
        return new InputGradients(Arrays.copyOfRange(e, from, to), Arrays.copyOfRange(de, from, to), in.lengths()[b], hidden);
    }
}
