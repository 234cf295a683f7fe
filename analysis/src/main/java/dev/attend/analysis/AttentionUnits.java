package dev.attend.analysis;

import dev.attend.model.AttentionTrace;
import dev.attend.model.WordAttention;

import java.util.List;

/**
 * The positions a text's head statistics run over — tokens, or words — and what each is: which rows count as
 * queries, each query's previous and next position (−1 at the ends), and which columns are [CLS], [SEP] and
 * punctuation.
 * <ul>
 * <li>Tokens: every token is a query; [CLS] is the first position and [SEP] the last (single texts).</li>
 * <li>Words ({@link WordAttention}: weight to a word = sum over its pieces, from a word = mean over its pieces):
 *     [CLS]/[SEP] stay units of their own but are excluded as queries and as neighbours (the word before the first
 *     word is none), so previous/next mean the neighbouring word; the weight words put on [CLS]/[SEP] still counts
 *     in cls/sep, so rows sum to 1.</li>
 * </ul>
 */
record AttentionUnits(int size, boolean[] query, int[] prev, int[] next, boolean[] cls, boolean[] sep, boolean[] punct,
                      WordAttention words) {

    /** Token-level units of a single text's tokens ([CLS] first, [SEP] last). */
    static AttentionUnits tokens(List<String> tokens) {
        int n = tokens.size();
        boolean[] query = new boolean[n], cls = new boolean[n], sep = new boolean[n], punct = new boolean[n];
        int[] prev = new int[n], next = new int[n];
        for (int i = 0; i < n; i++) {
            query[i] = true;
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
            punct[i] = i > 0 && i < n - 1 && isPunctuation(tokens.get(i));
        }
        cls[0] = true;
        sep[n - 1] = true;
        return new AttentionUnits(n, query, prev, next, cls, sep, punct, null);
    }

    static AttentionUnits words(AttentionTrace trace) {
        if (trace.text() == null) throw new IllegalArgumentException("word-level statistics need the trace's tokenized text");
        int[] wordIds = trace.text().wordIds();
        WordAttention merge = new WordAttention(trace.keyTokens(), wordIds);
        List<String> labels = merge.words();
        int w = labels.size();
        boolean[] special = new boolean[w];
        for (int t = 0; t < wordIds.length; t++) if (wordIds[t] < 0) special[merge.wordOf(t)] = true;
        boolean[] query = new boolean[w], cls = new boolean[w], sep = new boolean[w], punct = new boolean[w];
        int[] prev = new int[w], next = new int[w];
        int last = -1;
        for (int u = 0; u < w; u++) {
            query[u] = !special[u];
            cls[u] = special[u] && u == merge.wordOf(0);
            sep[u] = special[u] && !cls[u];
            punct[u] = !special[u] && isPunctuation(labels.get(u));
            prev[u] = -1;
            next[u] = -1;
            if (!special[u]) {
                prev[u] = last;
                if (last >= 0) next[last] = u;
                last = u;
            }
        }
        return new AttentionUnits(w, query, prev, next, cls, sep, punct, merge);
    }

    /** The [size, size] matrix of one head, row-major: the trace's own array, or its word-level merge. */
    float[] matrix(AttentionTrace trace, int layer, int head) {
        int n = trace.queries();
        if (words == null) {
            float[] m = new float[n * n];
            System.arraycopy(trace.attention()[layer], head * n * n, m, 0, n * n);
            return m;
        }
        float[][] merged = words.merge(trace.attention()[layer], head * n * n);
        float[] m = new float[size * size];
        for (int a = 0; a < size; a++) System.arraycopy(merged[a], 0, m, a * size, size);
        return m;
    }

    /** A token or word made only of punctuation characters (Unicode P* categories), e.g. "." "," "?!" "—". */
    static boolean isPunctuation(String s) {
        String text = s.startsWith("##") ? s.substring(2) : s;
        if (text.isEmpty()) return false;
        return text.codePoints().allMatch(c -> switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        });
    }
}
