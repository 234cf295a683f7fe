package dev.attend.model;

import dev.attend.model.tokenize.TokenizedText;

import java.util.List;

/**
 * Everything one forward pass kept about one text: its tokens and, as the {@link Capture} asked,
 * {@code attention[layer]} = [heads, queries, keys] (row i is what query token i puts on each key token and
 * sums to 1), per-head {@link HeadVectors}, {@code hiddenStates[0..layers]} = [tokens, hidden] (0 is the
 * embedding output), and always {@code lastHiddenState} [tokens, hidden]. Query and key token lists are kept
 * apart for cross-attention; in a BERT encoder they are the same list and {@code causal} is false.
 */
public record AttentionTrace(String modelName, TokenizedText text, List<String> queryTokens, List<String> keyTokens,
                             boolean causal, int layers, int heads, int hiddenSize,
                             float[][] attention, HeadVectors vectors, float[][] hiddenStates, float[] lastHiddenState) {

    public int queries() {
        return queryTokens.size();
    }

    public int keys() {
        return keyTokens.size();
    }

    public int headDim() {
        return hiddenSize / heads;
    }

    public boolean hasAttention() {
        return attention != null;
    }

    /** The weight query token {@code i} puts on key token {@code j} in layer {@code layer}, head {@code head}. */
    public float weight(int layer, int head, int i, int j) {
        return attention()[layer][(head * queries() + i) * keys() + j];
    }

    /** Weights of one head: [queries, keys] as nested arrays (a copy). */
    public float[][] headMatrix(int layer, int head) {
        float[][] m = new float[queries()][keys()];
        for (int i = 0; i < queries(); i++) {
            System.arraycopy(attention()[layer], (head * queries() + i) * keys(), m[i], 0, keys());
        }
        return m;
    }

    @Override
    public float[][] attention() {
        if (attention == null) {
            throw new IllegalStateException("attention weights were not captured; trace with Capture.attention()");
        }
        return attention;
    }
}
