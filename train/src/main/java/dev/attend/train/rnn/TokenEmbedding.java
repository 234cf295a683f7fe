package dev.attend.train.rnn;

import dev.attend.train.layers.Parameter;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A token embedding without positions (a recurrent network counts positions itself): out[r] = table[ids[r]].
 * Backward scatters each row's gradient into the table row it read.
 */
public final class TokenEmbedding {
    private final Parameter table; // [vocab, hidden]
    private final int hidden;
    private int[] ids;             // [rows]

    public TokenEmbedding(String name, int vocab, int hidden, RandomGenerator random, double std) {
        this.hidden = hidden;
        this.table = Parameter.table(name, vocab, hidden, random, std);
    }

    public List<Parameter> parameters() {
        return List.of(table);
    }

    /** ids [rows] → [rows, hidden]. */
    public float[] forward(int[] ids) {
        int vocab = table.shape()[0];
        this.ids = ids;
        float[] out = new float[ids.length * hidden]; // [rows, hidden]
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] < 0 || ids[r] >= vocab) {
                throw new IllegalArgumentException("token id " + ids[r] + " is outside the vocabulary of " + vocab);
            }
            System.arraycopy(table.value(), ids[r] * hidden, out, r * hidden, hidden);
        }
        return out;
    }

    /** dout [rows, hidden]: adds into the table. */
    public void backward(float[] dout) {
        float[] grad = table.grad();
        for (int r = 0; r < ids.length; r++) {
            for (int c = 0; c < hidden; c++) {
                grad[ids[r] * hidden + c] += dout[r * hidden + c];
            }
        }
    }
}
