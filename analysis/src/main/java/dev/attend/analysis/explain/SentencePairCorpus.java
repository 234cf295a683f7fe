package dev.attend.analysis.explain;

import dev.attend.analysis.CorpusLines;
import dev.attend.model.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Sentence pairs, one per line as {@code first<TAB>second} (UTF-8); empty lines are skipped. */
public final class SentencePairCorpus {
    /** The pairs shipped with attend: 48 pairs written for it (36 paraphrases, 12 unrelated). */
    public static final String SAMPLE = "/dev/attend/analysis/sentence-pairs.tsv";

    /** A pair and its line number (from 1). */
    public record Pair(String first, String second, long line) {}

    private SentencePairCorpus() {}

    public static List<Pair> read(Path file) {
        List<Pair> pairs = new ArrayList<>();
        try (CorpusLines lines = new CorpusLines(file)) {
            for (String line; (line = lines.next()) != null; ) add(pairs, line, lines.lineNumber(), file.toString());
        }
        if (pairs.isEmpty()) throw new InputException(file + " has no sentence pairs; write first<TAB>second per line");
        return pairs;
    }

    public static List<Pair> sample() {
        try (InputStream in = SentencePairCorpus.class.getResourceAsStream(SAMPLE)) {
            List<Pair> pairs = new ArrayList<>();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            for (int k = 0; k < lines.size(); k++) add(pairs, lines.get(k), k + 1, SAMPLE);
            return pairs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(List<Pair> pairs, String line, long number, String source) {
        if (line.isBlank()) return;
        String[] parts = line.split("\t", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new InputException(source + ": line " + number + " is not two sentences separated by one tab; write first<TAB>second");
        }
        pairs.add(new Pair(parts[0].strip(), parts[1].strip(), number));
    }
}
