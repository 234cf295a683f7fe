package dev.attend.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Inputs for comparing attend with ONNX Runtime: short and long, punctuation, accents, CJK, emoji, and texts
 * of exactly known token counts built from words that are one WordPiece token each in BERT's uncased vocabulary.
 */
final class ParityTexts {
    private ParityTexts() {}

    private static final String[] ONE_TOKEN_WORDS = {"the", "cat", "sat", "on", "mat", "because", "it", "was", "tired",
            "a", "dog", "ran", "in", "park", "and", "then", "slept", "under", "tree", "."};

    /** A text of single-token words that encodes to exactly {@code tokens} tokens with [CLS] and [SEP]. */
    static String ofTokens(int tokens, int seed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens - 2; i++) {
            if (i > 0) sb.append(' ');
            sb.append(ONE_TOKEN_WORDS[(i * 7 + seed) % ONE_TOKEN_WORDS.length]);
        }
        return sb.toString();
    }

    static List<String> singles() {
        List<String> texts = new ArrayList<>(List.of(
                "The cat sat on the mat because it was tired",
                "a",
                "Wait... what?! (Really) — yes; no: maybe. \"Quoted\" & 'single' #hash @at 100% $5.",
                "Café au lait, naïve résumé, São Paulo, Zürich, Ångström, façade.",
                "猫が座った。我爱自然语言处理。한국어 문장입니다.",
                "I 😀 love 🐈 cats 🎉! Family: 👨‍👩‍👧‍👦 flags 🇩🇪",
                "Visit https://example.com/path?q=1&x=2 or e-mail me@example.org today.",
                "antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis tokenization",
                "tab\tseparated\nnew line   many    spaces",
                "3.14159 2.71828 1.41421 and 1,000,000 plus -42",
                "Attention lets a model look at every word in a sequence at once and decide which words are most "
                        + "relevant to each other, which removes the bottleneck of recurrent networks where information "
                        + "had to pass through a chain of hidden states one step at a time."));
        texts.add(ofTokens(64, 1));
        texts.add(ofTokens(128, 2));
        texts.add(ofTokens(257, 3));
        texts.add(ofTokens(500, 4));
        texts.add(ofTokens(507, 5));
        texts.add(ofTokens(512, 6));
        return texts;
    }

    static List<String[]> pairs() {
        return List.of(
                new String[] {"Where is the cat?", "The cat is on the mat."},
                new String[] {"How old are you?", "I am six years old, and my sister is 8."},
                new String[] {"猫はどこ？", "猫はマットの上にいます。"},
                new String[] {"Is attention understanding?", "No: it learns statistical correlations between positions."});
    }
}
