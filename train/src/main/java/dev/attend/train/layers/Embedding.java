package dev.attend.train.layers;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Token + learned position embeddings: out[b, t] = word[ids[b, t]] + position[t]. Backward scatters each row's
 * gradient into the rows of both tables it read.
 */
public final class Embedding {
    private final Parameter word;     // [vocab, hidden]
    private final Parameter position; // [maxPositions, hidden]
    private final int hidden;
    private int[] ids;                // [batch, tokens]
    private int tokens;

    public Embedding(String prefix, int vocab, int maxPositions, int hidden, RandomGenerator random, double std) {
        this.hidden = hidden;
        this.word = Parameter.table(prefix + ".word_embeddings.weight", vocab, hidden, random, std);
        this.position = Parameter.table(prefix + ".position_embeddings.weight", maxPositions, hidden, random, std);
    }

    public List<Parameter> parameters() {
        return List.of(word, position);
    }

    /** ids [batch, tokens] → [batch·tokens, hidden]. */
    public float[] forward(int[] ids, int tokens) {
        int vocab = word.shape()[0];
        if (tokens > position.shape()[0]) {
            throw new IllegalArgumentException(tokens + " tokens exceed the " + position.shape()[0] + " positions");
        }
        this.ids = ids;
        this.tokens = tokens;
        float[] out = new float[ids.length * hidden]; // [batch·tokens, hidden]
        for (int row = 0; row < ids.length; row++) {
            int id = ids[row];
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + vocab);
            }
            int w = id * hidden, p = (row % tokens) * hidden, o = row * hidden;
            for (int c = 0; c < hidden; c++) {
                out[o + c] = word.value()[w + c] + position.value()[p + c];
            }
        }
        return out;
    }

    /** dout [batch·tokens, hidden]: adds into both tables. */
    public void backward(float[] dout) {
        for (int row = 0; row < ids.length; row++) {
            int w = ids[row] * hidden, p = (row % tokens) * hidden, o = row * hidden;
            for (int c = 0; c < hidden; c++) {
                word.grad()[w + c] += dout[o + c];
                position.grad()[p + c] += dout[o + c];
            }
        }
    }
}
