package dev.attend.train.bert;

import dev.attend.model.tokenize.TokenizedText;

import java.util.List;

/**
 * A batch of tokenized texts padded to the longest: token ids and token type ids [batch, tokens] (0 after each
 * text's length), and each text's length (keys from there on are masked).
 */
public record BertInput(int[] ids, int[] typeIds, int batch, int tokens, int[] lengths) {

    public BertInput {
        if (ids.length != batch * tokens || typeIds.length != ids.length || lengths.length != batch) {
            throw new IllegalArgumentException("batch of " + batch + " × " + tokens + " has " + ids.length + " ids, "
                    + typeIds.length + " type ids and " + lengths.length + " lengths");
        }
        for (int length : lengths) {
            if (length < 1 || length > tokens) {
                throw new IllegalArgumentException("length " + length + " in a batch of " + tokens + " tokens");
            }
        }
    }

    public static BertInput of(List<TokenizedText> texts) {
        int batch = texts.size();
        int tokens = texts.stream().mapToInt(TokenizedText::size).max().orElse(0);
        int[] ids = new int[batch * tokens], typeIds = new int[batch * tokens], lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            TokenizedText t = texts.get(b);
            lengths[b] = t.size();
            System.arraycopy(t.ids(), 0, ids, b * tokens, t.size());
            System.arraycopy(t.typeIds(), 0, typeIds, b * tokens, t.size());
        }
        return new BertInput(ids, typeIds, batch, tokens, lengths);
    }

    public int rows() {
        return batch * tokens;
    }
}
