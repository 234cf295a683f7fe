package dev.attend.analysis.importance;

import dev.attend.analysis.CorpusLines;
import dev.attend.model.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A corpus of sentences, each with its perturbed copy and its shuffled words ({@link Perturbation}), split in two:
 * importance is measured on one half, the pruning metric on the other. Lines are shuffled with the seed (a
 * {@link Random}), the first half (rounded down) is the importance split; each sentence's copy and shuffle come from
 * a generator seeded by (seed, line number).
 */
public record SentencePairs(List<Pair> importance, List<Pair> evaluation) {

    /** A sentence, its copy (the positive), its shuffled words (a hard negative) and its line in the file (from 1). */
    public record Pair(String text, String copy, String shuffled, long line) {}

    public SentencePairs {
        importance = List.copyOf(importance);
        evaluation = List.copyOf(evaluation);
    }

    /** The sample corpus shipped with attend: 296 everyday sentences written for it. */
    public static final String SAMPLE = "/dev/attend/analysis/sentences.txt";

    /**
     * Reads {@code file}; every line must hold at least {@link Perturbation#MIN_WORDS} words, and there must be at
     * least {@code 2 · batch} lines so that each split fills a batch.
     */
    public static SentencePairs read(Path file, int batch, long seed) {
        List<String> lines = new ArrayList<>();
        try (CorpusLines corpus = new CorpusLines(file)) {
            for (String line; (line = corpus.next()) != null; ) lines.add(line);
        }
        return of(lines, file.toString(), batch, seed);
    }

    /** The shipped {@link #SAMPLE}. */
    public static SentencePairs sample(int batch, long seed) {
        try (InputStream in = SentencePairs.class.getResourceAsStream(SAMPLE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return of(text.lines().toList(), "the sample corpus", batch, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SentencePairs of(List<String> lines, String source, int batch, long seed) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                throw new InputException(source + ": line " + (i + 1) + " is empty; remove empty lines");
            }
            if (lines.get(i).strip().split("\\s+").length < Perturbation.MIN_WORDS) {
                throw new InputException(source + ": line " + (i + 1) + " has fewer than " + Perturbation.MIN_WORDS
                        + " words; each line must be a sentence");
            }
        }
        if (lines.size() < 2 * batch) {
            throw new InputException(source + " has " + lines.size() + " lines; importance and evaluation need at least "
                    + 2 * batch + " (2 × batch " + batch + "): add lines or lower --batch");
        }
        return split(lines.stream().map(String::strip).toList(), seed);
    }

    static SentencePairs split(List<String> lines, long seed) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
            pairs.add(new Pair(lines.get(i), Perturbation.copy(lines.get(i), random),
                    Perturbation.shuffled(lines.get(i), random), i + 1));
        }
        Collections.shuffle(pairs, new Random(seed));
        int half = pairs.size() / 2;
        return new SentencePairs(pairs.subList(0, half), pairs.subList(half, pairs.size()));
    }

    /** The pairs cut into consecutive groups of at least {@code batch} (the remainder spread over the groups). */
    public static List<List<Pair>> groups(List<Pair> pairs, int batch) {
        int count = Math.max(1, pairs.size() / batch);
        List<List<Pair>> groups = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            groups.add(pairs.subList(g * pairs.size() / count, (g + 1) * pairs.size() / count));
        }
        return groups;
    }
}
