package dev.attend.model.tokenize;

import java.util.List;

/**
 * A text (or a pair of texts) as the model sees it: one entry per token in every array.
 *
 * <p>{@code typeIds} are the token type ids fed to the model (0 for the first segment, 1 for the second).
 * {@code charStart}/{@code charEnd} locate each token in its segment's original text, in UTF-16 chars as
 * {@link String#substring} takes them, or are -1 for tokens the tokenizer added ([CLS], [SEP]).
 * {@code wordIds} number the words of both segments together (the second's continue after the first's); all
 * word pieces of one word share an id; added tokens have -1. The first {@code firstSegmentLength} tokens
 * ([CLS] A [SEP]) belong to {@code texts.get(0)}, the rest (B [SEP]) to {@code texts.get(1)}.
 * The arrays are not copied: do not change them.
 */
public record TokenizedText(List<String> texts, int[] ids, int[] typeIds, List<String> tokens,
                            int[] charStart, int[] charEnd, int[] wordIds, int firstSegmentLength) {

    public TokenizedText {
        texts = List.copyOf(texts);
        tokens = List.copyOf(tokens);
        int n = ids.length;
        if (typeIds.length != n || tokens.size() != n || charStart.length != n || charEnd.length != n
                || wordIds.length != n) {
            throw new IllegalArgumentException("token arrays differ in length");
        }
        if (texts.isEmpty() || texts.size() > 2) {
            throw new IllegalArgumentException("expected one or two texts, got " + texts.size());
        }
        if (firstSegmentLength < 0 || firstSegmentLength > n || (texts.size() == 1 && firstSegmentLength != n)) {
            throw new IllegalArgumentException("first segment length " + firstSegmentLength + " of " + n);
        }
    }

    /** The number of tokens. */
    public int size() {
        return ids.length;
    }

    /** Whether this is a pair of texts. */
    public boolean isPair() {
        return texts.size() == 2;
    }

    /** 0 when the token at {@code position} belongs to the first text, 1 when to the second. */
    public int segment(int position) {
        return position < firstSegmentLength ? 0 : 1;
    }

    /** The characters of the original text that the token stands for; empty for added tokens. */
    public String surface(int position) {
        if (charStart[position] < 0) {
            return "";
        }
        return texts.get(segment(position)).substring(charStart[position], charEnd[position]);
    }

    /** The first {@code limit} − 1 tokens and the last one (the closing [SEP]) of a single text. */
    TokenizedText keepingEnds(int limit) {
        int[] keep = new int[limit];
        for (int k = 0; k < limit - 1; k++) keep[k] = k;
        keep[limit - 1] = size() - 1;
        return new TokenizedText(texts, pick(ids, keep), pick(typeIds, keep), keep(tokens, keep), pick(charStart, keep),
                pick(charEnd, keep), pick(wordIds, keep), limit);
    }

    private static int[] pick(int[] values, int[] indices) {
        int[] out = new int[indices.length];
        for (int k = 0; k < indices.length; k++) out[k] = values[indices[k]];
        return out;
    }

    private static List<String> keep(List<String> values, int[] indices) {
        return java.util.Arrays.stream(indices).mapToObj(values::get).toList();
    }
}
