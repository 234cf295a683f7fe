package dev.attend.cli;

import dev.attend.cli.output.NpyWriter;
import dev.attend.cli.output.StandardOutput;
import dev.attend.cli.output.TerminalHeatmap;
import dev.attend.cli.output.TerminalStyle;
import dev.attend.model.AttentionTrace;
import dev.attend.model.InputException;
import dev.attend.model.WordAttention;
import dev.attend.web.AttentionJsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "attention", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Shows where every token of TEXT looks, in a real pretrained transformer.", "",
                "For each layer and head, the weight each query token puts on each key token",
                "(softmax(Q·Kᵀ/√d), every row sums to 1).",
                "With --model RUN_DIR (a run or checkpoint of attend train --task",
                "coref|agreement|induction) it shows that transformer's attention; TEXT is",
                "then its task's words separated by spaces (induction: tokens t0 t1 …),",
                "holding the position the model reads ([VERB], a pronoun).", ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend attention \"The cat sat on the mat because it was tired\"",
                "      heatmap of the last layer's most focused head, each token's strongest key",
                "  attend attention --layer 5 --head 11 \\",
                "      \"The cat sat on the mat because it was tired\"",
                "      MiniLM's head 11 of layer 5 (0-based): \"it\" looks at \"cat\"",
                "  attend attention --format json \"Hello world\" > attention.json",
                "      attention[layer][head][query][key] for every layer and head",
                "  attend attention --format npy --out attention.npy \"Hello world\"",
                "      float32 array [layers, heads, tokens, tokens] for numpy.load",
                "  attend attention --words --pair \"Where is the cat?\" \"The cat is on the mat.\"",
                "      a sentence pair ([CLS] A [SEP] B [SEP]), word pieces merged into words",
                "  attend attention --model runs/agreement \\",
                "      \"the keys to the cabinet [VERB] here .\"",
                "      a subject-verb agreement model trained by attend train --task agreement"})
public final class AttentionCommand implements Callable<Integer> {

    enum Format { text, json, npy }

    @Mixin
    ModelOption model;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text (a heatmap; the default on a terminal), json (the default when piped) or npy.")
    Format format;

    @Option(names = "--layer", paramLabel = "L", description = "Layer for the text view, 0-based. Default: the last.")
    Integer layer;

    @Option(names = "--head", paramLabel = "H",
            description = "Head for the text view, 0-based. Default: the head whose attention is most peaked.")
    Integer head;

    @Option(names = "--words", description = "Merge word pieces into words (to a word: sum; from a word: mean).")
    boolean words;

    @Option(names = "--pair", paramLabel = "TEXT_B", description = "A second text, encoded as [CLS] TEXT [SEP] TEXT_B [SEP].")
    String pair;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output (needed for npy).")
    Path out;

    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "The text (several words are joined with spaces).")
    List<String> text = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Format chosen = format != null ? format : (out == null && TerminalStyle.stdoutIsTerminal() ? Format.text : Format.json);
        if (chosen == Format.npy && out == null) {
            throw new InputException("--format npy writes binary data; give --out FILE");
        }
        AttentionTrace trace = model.trace(String.join(" ", text), pair).trace();
        checkIndex("--layer", layer, trace.layers());
        checkIndex("--head", head, trace.heads());
        WordAttention merge = words ? new WordAttention(trace.queryTokens(), trace.text().wordIds()) : null;
        try (OutputStream stream = StandardOutput.open(out)) {
            switch (chosen) {
                case json -> AttentionJsonWriter.write(stream, model.name, trace, merge);
                case npy -> writeNpy(stream, trace, merge);
                case text -> printText(stream, trace, merge);
            }
        }
        return 0;
    }

    private static void checkIndex(String option, Integer value, int count) {
        if (value != null && (value < 0 || value >= count)) {
            throw new InputException(option + " " + value + " is out of range: this model has " + count
                    + (option.equals("--layer") ? " layers" : " heads") + " (0.." + (count - 1) + ")");
        }
    }

    private void printText(OutputStream stream, AttentionTrace trace, WordAttention merge) {
        int l = layer != null ? layer : trace.layers() - 1;
        int h = head != null ? head : mostPeakedHead(trace, l);
        float[][] weights = merge == null ? trace.headMatrix(l, h) : merge.merge(trace.attention()[l], h * trace.queries() * trace.keys());
        List<String> labels = merge == null ? trace.queryTokens() : merge.words();
        PrintStream ps = new PrintStream(stream, true, StandardCharsets.UTF_8);
        String title = trace.modelName() + " · layer " + l + " · head " + h + " (0-based; " + trace.layers() + " layers × "
                + trace.heads() + " heads)" + (head == null ? " · the most focused head of this layer" : "");
        new TerminalHeatmap(out == null ? TerminalStyle.detect() : new TerminalStyle(false)).print(ps, title, labels, weights);
        ps.flush();
    }

    /** The head whose rows put the most weight on a single key, on average. */
    static int mostPeakedHead(AttentionTrace trace, int layer) {
        int best = 0;
        double bestScore = -1;
        for (int h = 0; h < trace.heads(); h++) {
            double score = 0;
            for (int i = 0; i < trace.queries(); i++) {
                float max = 0;
                for (int j = 0; j < trace.keys(); j++) max = Math.max(max, trace.weight(layer, h, i, j));
                score += max;
            }
            if (score > bestScore) {
                bestScore = score;
                best = h;
            }
        }
        return best;
    }

    private static void writeNpy(OutputStream stream, AttentionTrace trace, WordAttention merge) throws IOException {
        if (merge == null) {
            NpyWriter.write(stream, new int[] {trace.layers(), trace.heads(), trace.queries(), trace.keys()},
                    List.of(trace.attention()));
            return;
        }
        int w = merge.words().size();
        List<float[]> chunks = new ArrayList<>();
        for (int l = 0; l < trace.layers(); l++) {
            for (int h = 0; h < trace.heads(); h++) {
                for (float[] row : merge.merge(trace.attention()[l], h * trace.queries() * trace.keys())) chunks.add(row);
            }
        }
        NpyWriter.write(stream, new int[] {trace.layers(), trace.heads(), w, w}, chunks);
    }
}
