package dev.attend.train.layers;

import java.util.List;

/** The double-precision twin of {@link Embedding}. */
public final class EmbeddingReference {
    private final ReferenceParameter word;     // [vocab, hidden]
    private final ReferenceParameter position; // [maxPositions, hidden]
    private final int hidden;
    private int[] ids;                         // [batch, tokens]
    private int tokens;

    public EmbeddingReference(Embedding fast) {
        this.word = ReferenceParameter.of(fast.parameters().get(0));
        this.position = ReferenceParameter.of(fast.parameters().get(1));
        this.hidden = word.shape()[1];
    }

    public List<ReferenceParameter> parameters() {
        return List.of(word, position);
    }

    public double[] forward(int[] ids, int tokens) {
        this.ids = ids;
        this.tokens = tokens;
        double[] out = new double[ids.length * hidden]; // [batch·tokens, hidden]
        for (int row = 0; row < ids.length; row++) {
            for (int c = 0; c < hidden; c++) {
                out[row * hidden + c] = word.value()[ids[row] * hidden + c] + position.value()[(row % tokens) * hidden + c];
            }
        }
        return out;
    }

    public void backward(double[] dout) {
        for (int row = 0; row < ids.length; row++) {
            for (int c = 0; c < hidden; c++) {
                word.grad()[ids[row] * hidden + c] += dout[row * hidden + c];
                position.grad()[(row % tokens) * hidden + c] += dout[row * hidden + c];
            }
        }
    }
}
