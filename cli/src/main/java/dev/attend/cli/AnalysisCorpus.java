package dev.attend.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.analysis.importance.SentencePairs;
import dev.attend.model.AttendVersion;
import dev.attend.model.InputException;
import dev.attend.train.bert.ContrastiveLoss;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The options that analyze importance and prune share: the corpus, its split, the batch, the seed, the output. */
final class AnalysisCorpus {

    @Option(names = "--input", paramLabel = "FILE", description = "Sentences, UTF-8, one per line (at least 3 words "
            + "each, no empty lines). Default: the 296-sentence sample shipped with attend.")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder for results.json, the CSV and the PNG/SVG pictures (created; files in it are replaced).")
    Path out;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "16",
            description = "Sentences per batch: the in-batch negatives of the loss and the candidates of retrieval. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seeds the split, the perturbed copies and the random orders. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "" + ContrastiveLoss.DEFAULT_TEMPERATURE,
            description = "InfoNCE temperature τ. Default: ${DEFAULT-VALUE} (sentence-transformers' scale 20).")
    double temperature;

    /** Checks the options that do not depend on the model. */
    void check() {
        if (batch < 2) throw new InputException("--batch must be at least 2 (a batch needs negatives), not " + batch);
        if (!(temperature > 0)) throw new InputException("--temperature must be positive, not " + temperature);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InputException("--out " + out + " is a file; give a folder");
        }
    }

    SentencePairs read() {
        if (input == null) return SentencePairs.sample(batch, seed);
        if (!Files.isRegularFile(input)) throw new InputException("cannot read " + input + ": no such file");
        return SentencePairs.read(input, batch, seed);
    }

    /** The settings every results.json starts with. */
    ObjectNode settings(String model, String name, String source) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("model", model).put("name", name).put("source", source).put("batch", batch).put("seed", seed)
                .put("threads", Runtime.getRuntime().availableProcessors()).put("attend_version", AttendVersion.get());
        return s;
    }

    static ProgressBar progressBar(String task, long total, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(unit, 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).setMaxRenderedLength(100)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
}
