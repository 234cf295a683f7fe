package dev.attend.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.attend.analysis.CorpusHeadStatistics;
import dev.attend.analysis.CorpusLines;
import dev.attend.analysis.CorpusReport;
import dev.attend.analysis.HeadHeatmaps;
import dev.attend.analysis.HeadSummary;
import dev.attend.cli.output.StandardOutput;
import dev.attend.model.AttentionModel;
import dev.attend.model.InputException;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

@Command(name = "heads", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Statistics and roles of every attention head over a corpus.", "",
                "The corpus has one text per line. What each head looks at on average, over",
                "every query token of every line (Clark et al. 2019):", "",
                "  entropy  mean −Σ a·ln a of a query's weights (nats; low = focused)",
                "  cls      weight on [CLS]     sep   weight on [SEP]",
                "  punct    weight on punctuation",
                "  self     weight on the query token itself",
                "  prev     weight on the token just before",
                "  next     weight on the token just after",
                "  conf     confidence: the mean of a row's largest weight",
                "  arg-1    fraction of rows whose largest weight is on the token before",
                "  arg+1    ... on the token after", "",
                "Roles: prev-/next-token head (prev/next > 0.5), positional −1/+1",
                "(arg−1/arg+1 ≥ 0.9, Voita et al. 2019), [CLS]/[SEP]/punctuation/self head",
                "(share > 0.5); 'broad' if none. With --words, word pieces are merged into",
                "words (to-word summed, from-word averaged) and [CLS]/[SEP] are not queries",
                "nor neighbours; their share still counts in cls/sep. --plots DIR draws one",
                "layers × heads heatmap per statistic (PNG + SVG).", "",
                "Empty lines are skipped and lines over the model's limit are cut to it; both",
                "are counted.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend heads --input corpus.txt",
                "  attend heads --model bge-small --input corpus.txt --format json > heads.json",
                "  attend heads --words --input corpus.txt --plots pictures/"})
public final class HeadsCommand implements java.util.concurrent.Callable<Integer> {

    enum Format { text, json }

    @Mixin
    ModelOption model;

    @Option(names = "--input", paramLabel = "FILE", required = true, description = "The corpus, UTF-8, one text per line.")
    Path input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (a table) or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "8", description = "Lines per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Option(names = "--words", description = "Word-level statistics instead of token-level.")
    boolean words;

    @Option(names = "--plots", paramLabel = "DIR", description = "Also write heads-<statistic>.png|svg heatmaps into DIR.")
    Path plots;

    @Override
    public Integer call() throws IOException {
        if (batch < 1) throw new InputException("--batch must be at least 1, not " + batch);
        if (!Files.isRegularFile(input)) throw new InputException("cannot read " + input + ": no such file");
        if (plots != null && Files.exists(plots) && !Files.isDirectory(plots)) {
            throw new InputException("--plots " + plots + " is a file; give a folder");
        }
        long total = CorpusLines.count(input);
        CorpusReport report;
        try (AttentionModel m = model.loadPretrained("heads measures every head over an English corpus, and it "
                + "knows only its task's synthetic words; use a pretrained model (minilm, bge-small, a Hugging Face BERT folder), "
                + "or see its heads with attend attention --model " + model.name + " (which heads matter: attend analyze "
                + "importance, for coref and agreement)"); ProgressBar bar = progressBar(total)) {
            report = CorpusHeadStatistics.run(m, input, batch, words, new CorpusHeadStatistics.Progress() {
                @Override
                public void line(long lineNumber) {
                    bar.stepTo(lineNumber);
                }

                @Override
                public void truncated(long lineNumber, int tokens, int limit) {
                    System.err.println("\nattend: warning: line " + lineNumber + " has " + tokens + " tokens; cut to " + limit);
                }

                @Override
                public void tokens(long totalTokens) {
                    bar.setExtraMessage(" · " + totalTokens + " tokens");
                }
            });
        }
        if (report.texts() == 0) throw new InputException(input + " has no non-empty lines");
        try (OutputStream stream = StandardOutput.open(out)) {
            if (format == Format.json) writeJson(stream, report, words);
            else writeTable(stream, report);
            stream.flush();
        }
        if (plots != null) HeadHeatmaps.write(plots, report, words);
        return 0;
    }

    private static ProgressBar progressBar(long total) {
        return new ProgressBarBuilder().setTaskName("heads").setInitialMax(total).setUnit(" lines", 1).showSpeed()
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).setMaxRenderedLength(100)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setEtaFunction(state -> {
                    long done = state.getCurrent() - state.getStart();
                    if (done <= 0) return java.util.Optional.empty();
                    Duration elapsed = Duration.between(state.getStartInstant(), java.time.Instant.now());
                    return java.util.Optional.of(elapsed.multipliedBy(state.getMax() - state.getCurrent()).dividedBy(done));
                }).build();
    }

    static void writeJson(OutputStream stream, CorpusReport r, boolean words) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("model", r.model());
            g.writeStringField("name", r.modelName());
            g.writeNumberField("lines", r.texts());
            g.writeNumberField("tokens", r.tokens());
            g.writeNumberField("empty_lines", r.emptyLines());
            g.writeNumberField("truncated_lines", r.truncatedLines());
            g.writeStringField("level", words ? "words" : "tokens");
            g.writeArrayFieldStart("heads");
            for (HeadSummary h : r.heads()) {
                g.writeStartObject();
                g.writeNumberField("layer", h.layer());
                g.writeNumberField("head", h.head());
                g.writeNumberField("entropy", h.entropy());
                g.writeNumberField("cls", h.cls());
                g.writeNumberField("sep", h.sep());
                g.writeNumberField("punct", h.punct());
                g.writeNumberField("self", h.self());
                g.writeNumberField("prev", h.prev());
                g.writeNumberField("next", h.next());
                g.writeNumberField("confidence", h.confidence());
                g.writeNumberField("argmax_prev", h.argmaxPrev());
                g.writeNumberField("argmax_next", h.argmaxNext());
                g.writeArrayFieldStart("roles");
                for (String role : h.roles()) g.writeString(role);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeTable(OutputStream stream, CorpusReport r) {
        PrintStream ps = new PrintStream(stream, false, StandardCharsets.UTF_8);
        ps.printf("%s: %d lines, %d tokens (%d empty lines skipped, %d lines cut to the token limit)%n",
                r.modelName(), r.texts(), r.tokens(), r.emptyLines(), r.truncatedLines());
        ps.println("layer head entropy   cls   sep punct  self  prev  next  conf arg-1 arg+1  roles");
        for (HeadSummary h : r.heads()) {
            ps.printf("%5d %4d %7.3f %5.3f %5.3f %5.3f %5.3f %5.3f %5.3f %5.3f %5.3f %5.3f  %s%n", h.layer(), h.head(),
                    h.entropy(), h.cls(), h.sep(), h.punct(), h.self(), h.prev(), h.next(), h.confidence(), h.argmaxPrev(),
                    h.argmaxNext(), h.pattern());
        }
        ps.flush();
    }
}
