package dev.attend.train.rnn;

import dev.attend.train.layers.ReferenceParameter;

import java.util.List;

/** The double-precision twin of {@link TokenEmbedding}. */
public final class TokenEmbeddingReference {
    private final ReferenceParameter table; // [vocab, hidden]
    private final int hidden;
    private int[] ids;

    public TokenEmbeddingReference(TokenEmbedding fast) {
        this.table = ReferenceParameter.of(fast.parameters().getFirst());
        this.hidden = table.shape()[1];
    }

    public List<ReferenceParameter> parameters() {
        return List.of(table);
    }

    public double[] forward(int[] ids) {
        this.ids = ids;
        double[] out = new double[ids.length * hidden]; // [rows, hidden]
        for (int r = 0; r < ids.length; r++) {
            for (int c = 0; c < hidden; c++) {
                out[r * hidden + c] = table.value()[ids[r] * hidden + c];
            }
        }
        return out;
    }

    public void backward(double[] dout) {
        for (int r = 0; r < ids.length; r++) {
            for (int c = 0; c < hidden; c++) {
                table.grad()[ids[r] * hidden + c] += dout[r * hidden + c];
            }
        }
    }
}
