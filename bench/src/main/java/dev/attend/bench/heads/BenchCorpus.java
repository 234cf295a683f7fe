package dev.attend.bench.heads;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A corpus for {@code bench heads}, generated the same way every time (seeded): English-like sentences from a
 * small vocabulary of words that are single tokens for BERT's uncased vocabulary, each line 5 to 9 sentences of 13 words
 * (70 to 128 tokens, 100 on average), so batches carry some padding as real corpora do.
 */
final class BenchCorpus {
    private static final String[] DETERMINERS = {"the", "a", "this", "that", "every", "one", "my", "our"};
    private static final String[] ADJECTIVES = {"old", "small", "large", "quiet", "bright", "dark", "young", "tired",
            "happy", "cold", "warm", "green", "new", "long", "strange", "busy"};
    private static final String[] NOUNS = {"cat", "dog", "man", "woman", "child", "teacher", "house", "river", "city",
            "tree", "car", "book", "road", "garden", "window", "door", "bird", "horse", "school", "market", "doctor",
            "friend", "letter", "table", "train", "village", "king", "story", "mountain", "boat"};
    private static final String[] VERBS = {"saw", "found", "liked", "followed", "carried", "watched", "opened",
            "painted", "visited", "helped", "called", "left", "built", "read", "heard", "met"};
    private static final String[] LINKS = {"because", "while", "and", "but", "after", "before", "so", "when"};
    private static final long SEED = 20261128L;

    private BenchCorpus() {}

    /** Writes {@code texts} lines to {@code file} (UTF-8) and returns it. */
    static Path write(Path file, int texts) throws IOException {
        Random random = new Random(SEED);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int t = 0; t < texts; t++) {
                out.write(line(random, 58 + random.nextInt(55)));
                out.write('\n');
            }
        }
        return file;
    }

    /** Sentences "Det adj noun verb det noun link det noun verb det adj noun." until {@code words} words. */
    private static String line(Random random, int words) {
        StringBuilder line = new StringBuilder();
        int count = 0;
        while (count < words) {
            String sentence = String.join(" ", pick(random, DETERMINERS), pick(random, ADJECTIVES), pick(random, NOUNS),
                    pick(random, VERBS), pick(random, DETERMINERS), pick(random, NOUNS), pick(random, LINKS),
                    pick(random, DETERMINERS), pick(random, NOUNS), pick(random, VERBS), pick(random, DETERMINERS),
                    pick(random, ADJECTIVES), pick(random, NOUNS));
            line.append(count == 0 ? "" : " ").append(Character.toUpperCase(sentence.charAt(0)))
                    .append(sentence, 1, sentence.length()).append('.');
            count += 13;
        }
        return line.toString();
    }

    private static String pick(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }
}
