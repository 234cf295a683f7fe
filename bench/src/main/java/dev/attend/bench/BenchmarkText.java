package dev.attend.bench;

import dev.attend.model.tokenize.TokenizedText;
import dev.attend.model.tokenize.Tokenizer;

/** A text that MiniLM's tokenizer turns into exactly n tokens: [CLS], n - 2 one-token words, [SEP]. */
final class BenchmarkText {
    private BenchmarkText() {}

    // Ordinary words, each a single token of the uncased BERT vocabulary. A sentence rather than one repeated
    // word, so the inputs look like text; the cost of a forward pass depends on n only.
    private static final String[] WORDS =
            "the cat sat on the mat because it was tired and the dog looked at a bird in the old tree".split(" ");

    static TokenizedText ofTokens(Tokenizer tokenizer, int n) {
        if (n < 3) {
            throw new IllegalArgumentException("a text needs at least 3 tokens ([CLS] word [SEP]), not " + n);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n - 2; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[i % WORDS.length]);
        }
        TokenizedText tokenized = tokenizer.encode(text.toString());
        if (tokenized.size() != n) {
            throw new IllegalStateException("the benchmark text has " + tokenized.size() + " tokens, expected " + n
                    + ": a word in BenchmarkText.WORDS is not a single token for this tokenizer");
        }
        return tokenized;
    }
}
