package dev.attend.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.analysis.CorpusLines;
import dev.attend.analysis.explain.AgreementExplainer;
import dev.attend.analysis.explain.ExplanationCorrelations;
import dev.attend.analysis.explain.ExplanationFiles;
import dev.attend.analysis.explain.SentencePairCorpus;
import dev.attend.analysis.explain.SentencePairCosine;
import dev.attend.model.AttendVersion;
import dev.attend.model.AttentionModel;
import dev.attend.model.InputException;
import dev.attend.train.agreement.AgreementModel;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "explain", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Does attention explain a model's output?", "",
                "Compares, layer by layer, what attention says each input token contributes",
                "with what the token really changes (Abnar & Zuidema 2020):", "",
                "  raw         the attention the output position pays, averaged over heads",
                "  rollout     attention (½·W + ½·I for the residual) multiplied through the",
                "              layers",
                "  flow        maximum flow through the same layered graph",
                "against",
                "  blankout    |y − y'| when the token is replaced ([MASK]; [PAD] for the",
                "              agreement model)",
                "  gradxinput  ‖∂y/∂e ⊙ e‖ over the token's input embedding e", "",
                "as Spearman rank correlations per layer, averaged over sequences. y is:",
                "  for minilm, bge-small or a BERT folder: the cosine similarity of a sentence",
                "    pair (each sentence encoded on its own; both are explained), from --input",
                "    first<TAB>second lines;",
                "  for a run folder of 'attend train --task agreement': the logit of the",
                "    predicted verb number at [VERB], on --input sentences of the task",
                "    (default: the task's test sentences).",
                "Flow grows as tokens⁴: sentences over 41 tokens are refused for mean-pooled",
                "models.", "",
                "Writes DIR/results.json, DIR/spearman.csv and DIR/spearman-*.png|svg.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend analyze explain --out runs/explain-minilm      (the 48 sample pairs)",
                "  attend analyze explain --model bge-small --input pairs.tsv --out runs/bge",
                "  attend train --task agreement --out runs/agreement",
                "  attend analyze explain --model runs/agreement --out runs/explain-agreement"})
public final class AnalyzeExplainCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Sentence pairs (first<TAB>second per line) for a pretrained model, or agreement sentences "
                    + "(one per line, one [VERB], no empty lines) for an agreement run. UTF-8. Default: the 48 pairs shipped with "
                    + "attend, or the agreement task's test sentences.")
    Path input;

    @Option(names = "--sentences", paramLabel = "N", defaultValue = "200",
            description = "Agreement run without --input: how many test sentences. Default: ${DEFAULT-VALUE}.")
    int sentences;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder for results.json, spearman.csv and the pictures (created; files in it are replaced).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) throw new InputException("--out " + out + " is a file; give a folder");
        if (input != null && !Files.isRegularFile(input)) throw new InputException("cannot read " + input + ": no such file");
        if (sentences < 1) throw new InputException("--sentences must be at least 1, not " + sentences);
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        ExplanationCorrelations correlations = isTrainingRun(Path.of(model.name)) ? agreement(settings) : pairs(settings);
        settings.put("attend_version", AttendVersion.get());
        ExplanationFiles.write(out, settings, correlations);
        System.out.println("wrote " + out.resolve("results.json") + " (" + correlations.sequences() + " sequences)");
        return 0;
    }

    /** A folder written by attend train: a run (metrics.json) or one of its checkpoints (trainer_state.json). */
    private static boolean isTrainingRun(Path p) {
        return Files.isDirectory(p) && (Files.exists(p.resolve("metrics.json")) || Files.exists(p.resolve("trainer_state.json")));
    }

    private ExplanationCorrelations pairs(ObjectNode settings) {
        List<SentencePairCorpus.Pair> pairs = input == null ? SentencePairCorpus.sample() : SentencePairCorpus.read(input);
        try (AttentionModel m = model.load()) {
            SentencePairCosine explainer = new SentencePairCosine(m);
            for (SentencePairCorpus.Pair pair : pairs) { // a pair too long for flow is refused before any work
                try {
                    explainer.check(pair.first(), pair.second());
                } catch (InputException bad) {
                    throw onLine(pair.line(), bad);
                }
            }
            ExplanationCorrelations correlations = new ExplanationCorrelations(m.config().numLayers());
            try (ProgressBar bar = AnalyzeProgress.bar("explain", pairs.size(), " pairs")) {
                for (SentencePairCorpus.Pair pair : pairs) {
                    SentencePairCosine.Explained e;
                    try {
                        e = explainer.explain(pair.first(), pair.second());
                    } catch (InputException bad) {
                        throw onLine(pair.line(), bad);
                    }
                    correlations.add(e.first());
                    correlations.add(e.second());
                    bar.step();
                }
            }
            settings.put("model", m.key()).put("name", m.name()).put("source", m.source())
                    .put("pooling", m.pooling().name().toLowerCase())
                    .put("input", input == null ? "sample (" + SentencePairCorpus.SAMPLE + ")" : input.toString())
                    .put("pairs", pairs.size())
                    .put("output", "cosine similarity of the pair's sentence embeddings, each sentence encoded alone")
                    .put("blankout", "|y - y'| with the token replaced by [MASK]; [CLS] and [SEP] not scored");
            return correlations;
        }
    }

    private ExplanationCorrelations agreement(ObjectNode settings) {
        AgreementModel m = AgreementModel.load(Path.of(model.name));
        List<String> lines = input == null ? AgreementExplainer.testSentences(sentences) : readLines(input);
        AgreementExplainer explainer = new AgreementExplainer(m);
        ExplanationCorrelations correlations = new ExplanationCorrelations(m.model().config().layers());
        try (ProgressBar bar = AnalyzeProgress.bar("explain", lines.size(), " sentences")) {
            for (int k = 0; k < lines.size(); k++) {
                try {
                    correlations.add(explainer.explain(lines.get(k)).sequence());
                } catch (InputException bad) {
                    throw onLine(k + 1, bad);
                }
                bar.step();
            }
        }
        settings.put("model", model.name).put("name", "agreement").put("source", m.checkpoint().toString())
                .put("input", input == null ? "the agreement task's first " + sentences + " test sentences" : input.toString())
                .put("sentences", lines.size())
                .put("output", "logit of the predicted verb number at [VERB]")
                .put("blankout", "|y - y'| with the word replaced by [PAD]; the [VERB] slot not scored");
        return correlations;
    }

    private String source() {
        return input == null ? "sample" : input.toString();
    }

    private InputException onLine(long line, InputException bad) {
        return new InputException(source() + ": line " + line + ": " + bad.getMessage());
    }

    private static List<String> readLines(Path file) {
        List<String> lines = new ArrayList<>();
        try (CorpusLines corpus = new CorpusLines(file)) {
            for (String line; (line = corpus.next()) != null; ) lines.add(line);
        }
        if (lines.isEmpty()) throw new InputException(file + " has no sentences");
        return lines;
    }
}
