package dev.attend.analysis;

import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.InputException;
import dev.attend.model.tokenize.TokenizedText;
import dev.attend.model.tokenize.Truncated;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a model over a corpus file, {@code batch} lines per forward pass, and folds every line's attention into
 * {@link HeadStatistics} — token-level statistics as the weights stream out of the attention kernel, word-level
 * ones from at most one batch of traces at a time. Empty (or whitespace-only) lines
 * are skipped and counted; lines over the model's token limit are cut to it and counted.
 */
public final class CorpusHeadStatistics {

    /** Told after each line is read (its 1-based number) and after each batch about how the run goes. */
    public interface Progress {
        void line(long lineNumber);

        void truncated(long lineNumber, int tokens, int limit);

        void tokens(long total);
    }

    private CorpusHeadStatistics() {}

    /** Token-level statistics. */
    public static CorpusReport run(AttentionModel model, Path corpus, int batch, Progress progress) {
        return run(model, corpus, batch, false, progress);
    }

    /** @param words word-level statistics ({@link AttentionUnits}) instead of token-level */
    public static CorpusReport run(AttentionModel model, Path corpus, int batch, boolean words, Progress progress) {
        HeadStatistics stats = new HeadStatistics(model.config().numLayers(), model.config().numHeads(), words);
        long empty = 0, truncated = 0;
        List<TokenizedText> pending = new ArrayList<>(batch);
        try (CorpusLines lines = new CorpusLines(corpus)) {
            for (String line; (line = lines.next()) != null; ) {
                progress.line(lines.lineNumber());
                Truncated encoded;
                try {
                    encoded = model.tokenizer().encodeTruncating(line);
                } catch (InputException noWords) { // empty, or only spaces and control characters
                    empty++;
                    continue;
                }
                if (encoded.wasCut()) {
                    truncated++;
                    progress.truncated(lines.lineNumber(), encoded.originalTokens(), encoded.text().size());
                }
                pending.add(encoded.text());
                if (pending.size() == batch) {
                    flush(model, pending, stats, words, progress);
                }
            }
            flush(model, pending, stats, words, progress);
            return new CorpusReport(model.key(), model.name(), lines.lineNumber(), stats.texts(), empty, truncated,
                    stats.tokens(), stats.texts() == 0 ? List.of() : stats.summaries());
        }
    }

    /** Token level: the weights stream into the statistics during the forward pass; words need whole traces. */
    private static void flush(AttentionModel model, List<TokenizedText> pending, HeadStatistics stats, boolean words,
                              Progress progress) {
        if (pending.isEmpty()) return;
        if (words) {
            for (AttentionTrace trace : model.traceBatch(pending, Capture.attention())) {
                stats.add(trace);
            }
        } else {
            stats.addBatch(model, pending);
        }
        pending.clear();
        progress.tokens(stats.tokens());
    }
}
