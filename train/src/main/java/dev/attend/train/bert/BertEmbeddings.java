package dev.attend.train.bert;

import dev.attend.train.layers.Embedding;
import dev.attend.train.layers.LayerNormalization;
import dev.attend.train.layers.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * BERT's embeddings: e = word[id] + position[t] + tokenType[type], then LayerNorm. The sum e [rows, hidden] is what
 * "the input embeddings" means for gradient × input; backward returns ∂L/∂e, which is also the gradient of each
 * token's word-embedding row (the sum passes it on unchanged), and adds into the three tables and the norm.
 */
public final class BertEmbeddings {
    private final Embedding wordAndPosition;
    private final Parameter tokenType; // [types, hidden]
    private final LayerNormalization norm;
    private final int hidden;
    private float[] input;             // [rows, hidden], e of the last forward
    private int[] typeIds;

    BertEmbeddings(int vocab, int maxPositions, int types, int hidden, float eps, RandomGenerator random, double std) {
        this.hidden = hidden;
        this.wordAndPosition = new Embedding("embeddings", vocab, maxPositions, hidden, random, std);
        this.tokenType = Parameter.table("embeddings.token_type_embeddings.weight", types, hidden, random, std);
        this.norm = new LayerNormalization("embeddings.LayerNorm", hidden, eps);
    }

    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(wordAndPosition.parameters());
        all.add(tokenType);
        all.addAll(norm.parameters());
        return all;
    }

    /** [rows, hidden] after LayerNorm. */
    public float[] forward(BertInput in) {
        int types = tokenType.shape()[0];
        input = wordAndPosition.forward(in.ids(), in.tokens()); // [rows, hidden]
        typeIds = in.typeIds();
        for (int row = 0; row < typeIds.length; row++) {
            int type = typeIds[row];
            if (type < 0 || type >= types) {
                throw new IllegalArgumentException("token type " + type + " is outside the " + types + " types");
            }
            for (int c = 0; c < hidden; c++) {
                input[row * hidden + c] += tokenType.value()[type * hidden + c];
            }
        }
        return norm.forward(input, typeIds.length);
    }

    /** The last forward's input embeddings e (before LayerNorm): [rows, hidden]. */
    public float[] input() {
        return input;
    }

    /** dy [rows, hidden] → ∂L/∂e [rows, hidden]; adds into the tables' and the norm's gradients. */
    public float[] backward(float[] dy) {
        float[] de = norm.backward(dy);
        wordAndPosition.backward(de);
        for (int row = 0; row < typeIds.length; row++) {
            for (int c = 0; c < hidden; c++) {
                tokenType.grad()[typeIds[row] * hidden + c] += de[row * hidden + c];
            }
        }
        return de;
    }

    Embedding wordAndPosition() {
        return wordAndPosition;
    }

    Parameter tokenType() {
        return tokenType;
    }

    LayerNormalization norm() {
        return norm;
    }
}
