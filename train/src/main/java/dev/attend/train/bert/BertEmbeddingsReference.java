package dev.attend.train.bert;

import dev.attend.train.layers.EmbeddingReference;
import dev.attend.train.layers.LayerNormalizationReference;
import dev.attend.train.layers.ReferenceParameter;

import java.util.ArrayList;
import java.util.List;

/** The double-precision twin of {@link BertEmbeddings}. */
public final class BertEmbeddingsReference {
    private final EmbeddingReference wordAndPosition;
    private final ReferenceParameter tokenType; // [types, hidden]
    private final LayerNormalizationReference norm;
    private final int hidden;
    private double[] input;                     // [rows, hidden]
    private int[] typeIds;

    BertEmbeddingsReference(BertEmbeddings fast) {
        this.wordAndPosition = new EmbeddingReference(fast.wordAndPosition());
        this.tokenType = ReferenceParameter.of(fast.tokenType());
        this.norm = new LayerNormalizationReference(fast.norm());
        this.hidden = tokenType.shape()[1];
    }

    public List<ReferenceParameter> parameters() {
        List<ReferenceParameter> all = new ArrayList<>(wordAndPosition.parameters());
        all.add(tokenType);
        all.addAll(norm.parameters());
        return all;
    }

    public double[] forward(BertInput in) {
        input = wordAndPosition.forward(in.ids(), in.tokens());
        typeIds = in.typeIds();
        for (int row = 0; row < typeIds.length; row++) {
            for (int c = 0; c < hidden; c++) {
                input[row * hidden + c] += tokenType.value()[typeIds[row] * hidden + c];
            }
        }
        return norm.forward(input, typeIds.length);
    }

    /** The last forward's input embeddings, perturbable in place by finite differences: [rows, hidden]. */
    public double[] input() {
        return input;
    }

    /** The encoder above the embeddings' sum: LayerNorm of a given e [rows, hidden] (for checks on e itself). */
    public double[] normalise(double[] e) {
        return norm.forward(e, e.length / hidden);
    }

    public double[] backward(double[] dy) {
        double[] de = norm.backward(dy);
        wordAndPosition.backward(de);
        for (int row = 0; row < typeIds.length; row++) {
            for (int c = 0; c < hidden; c++) {
                tokenType.grad()[typeIds[row] * hidden + c] += de[row * hidden + c];
            }
        }
        return de;
    }
}
