package dev.attend.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.analysis.explain.ExplanationCorrelations;
import dev.attend.analysis.explain.ExplanationFiles;
import dev.attend.analysis.explain.SentencePairCorpus;
import dev.attend.analysis.explain.SentencePairCosine;
import dev.attend.model.AttendVersion;
import dev.attend.model.AttentionModel;
import dev.attend.model.InputException;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@Command(name = "explain", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Does attention explain a model's output? Compares, layer by layer, what attention says each",
                "input token contributes with what the token really changes (Abnar & Zuidema 2020):", "",
                "  raw       the attention the output position pays, averaged over heads",
                "  rollout   attention (½·W + ½·I for the residual) multiplied through the layers",
                "  flow      maximum flow through the same layered graph",
                "against",
                "  blankout  |y − y'| when the token is replaced by [MASK]",
                "  (gradient × input follows once the encoder's backward pass is in)", "",
                "as Spearman rank correlations per layer, averaged over sequences. For a sentence-embedding",
                "model y is the cosine similarity of a sentence pair (each sentence encoded on its own; both",
                "are explained). Flow grows as tokens⁴: sentences over 41 tokens are refused.", "",
                "Writes DIR/results.json, DIR/spearman.csv and DIR/spearman-*.png|svg.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend analyze explain --out runs/explain-minilm          (the 48 sample pairs)",
                "  attend analyze explain --model bge-small --input pairs.tsv --out runs/explain-bge"})
public final class AnalyzeExplainCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Sentence pairs, UTF-8, one per line as first<TAB>second. Default: the 48 pairs shipped with attend.")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder for results.json, spearman.csv and the pictures (created; files in it are replaced).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) throw new InputException("--out " + out + " is a file; give a folder");
        if (input != null && !Files.isRegularFile(input)) throw new InputException("cannot read " + input + ": no such file");
        List<SentencePairCorpus.Pair> pairs = input == null ? SentencePairCorpus.sample() : SentencePairCorpus.read(input);
        ExplanationCorrelations correlations;
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        try (AttentionModel m = model.load(); ProgressBar bar = AnalyzeProgress.bar("explain", pairs.size(), " pairs")) {
            SentencePairCosine explainer = new SentencePairCosine(m);
            correlations = new ExplanationCorrelations(m.config().numLayers());
            for (SentencePairCorpus.Pair pair : pairs) {
                SentencePairCosine.Explained e;
                try {
                    e = explainer.explain(pair.first(), pair.second());
                } catch (InputException bad) {
                    throw new InputException((input == null ? "sample" : input) + ": line " + pair.line() + ": " + bad.getMessage());
                }
                correlations.add(e.first());
                correlations.add(e.second());
                bar.step();
            }
            settings.put("model", m.key()).put("name", m.name()).put("source", m.source())
                    .put("pooling", m.pooling().name().toLowerCase())
                    .put("input", input == null ? "sample (" + SentencePairCorpus.SAMPLE + ")" : input.toString())
                    .put("pairs", pairs.size())
                    .put("output", "cosine similarity of the pair's sentence embeddings, each sentence encoded alone")
                    .put("blankout", "|y - y'| with the token replaced by [MASK]; special tokens not scored")
                    .put("attend_version", AttendVersion.get());
        }
        ExplanationFiles.write(out, settings, correlations);
        System.out.println("wrote " + out.resolve("results.json") + " (" + correlations.sequences() + " sentences)");
        return 0;
    }
}
