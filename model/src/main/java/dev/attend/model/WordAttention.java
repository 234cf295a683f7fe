package dev.attend.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges word pieces into words in an attention matrix: the weight a word receives is the SUM over its pieces
 * (to-word), the weights a word gives are the MEAN over its pieces (from-word), so every row still sums to 1.
 * A special token ([CLS], [SEP]; word id -1) stays a unit of its own.
 */
public final class WordAttention {
    private final int[] unitOfToken; // token index -> word unit index
    private final List<String> labels;
    private final int[] piecesPerUnit;

    /**
     * @param tokens  the word pieces as the tokenizer wrote them (continuations start with "##")
     * @param wordIds word index of each token, -1 for special tokens
     */
    public WordAttention(List<String> tokens, int[] wordIds) {
        unitOfToken = new int[tokens.size()];
        labels = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int t = 0; t < tokens.size(); t++) {
            boolean continues = t > 0 && wordIds[t] >= 0 && wordIds[t] == wordIds[t - 1];
            String piece = tokens.get(t);
            if (continues) {
                int unit = labels.size() - 1;
                labels.set(unit, labels.get(unit) + (piece.startsWith("##") ? piece.substring(2) : piece));
                counts.set(unit, counts.get(unit) + 1);
            } else {
                labels.add(piece);
                counts.add(1);
            }
            unitOfToken[t] = labels.size() - 1;
        }
        piecesPerUnit = counts.stream().mapToInt(Integer::intValue).toArray();
    }

    public List<String> words() {
        return List.copyOf(labels);
    }

    /** The word unit that token {@code t} belongs to. */
    public int wordOf(int t) {
        return unitOfToken[t];
    }

    /** [tokens, tokens] (row-major, at {@code offset}) to [words, words]. */
    public float[][] merge(float[] weights, int offset) {
        int n = unitOfToken.length;
        int w = labels.size();
        double[][] sum = new double[w][w];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sum[unitOfToken[i]][unitOfToken[j]] += weights[offset + i * n + j];
            }
        }
        float[][] out = new float[w][w];
        for (int a = 0; a < w; a++) {
            for (int b = 0; b < w; b++) {
                out[a][b] = (float) (sum[a][b] / piecesPerUnit[a]);
            }
        }
        return out;
    }
}
