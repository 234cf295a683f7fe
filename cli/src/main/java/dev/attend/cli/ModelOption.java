package dev.attend.cli;

import dev.attend.analysis.importance.TrainedModel;
import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.InputException;
import dev.attend.model.Models;
import dev.attend.model.registry.BuiltInModels;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The --model option of every command that runs a model: one description, one default. */
final class ModelOption {

    @Option(names = "--model", paramLabel = "NAME|PATH", defaultValue = "minilm",
            description = "Built-in model (minilm, bge-small), a Hugging Face BERT folder (config.json, "
                    + "model.safetensors, tokenizer.json), a BERT-family .onnx file with tokenizer.json beside it, or "
                    + "(attention, render) a transformer trained by attend train: its run folder (the newest "
                    + "checkpoint) or a checkpoint-N folder. Default: ${DEFAULT-VALUE}.")
    String name;

    /** A trace and where its weights came from (for provenance). */
    record Traced(AttentionTrace trace, String source) {}

    /** Whether --model names a folder written by attend train (a checkpoint or a run); a built-in name comes first. */
    boolean trainedHere() {
        return BuiltInModels.find(name).isEmpty() && TrainedModel.recognises(Path.of(name));
    }

    /**
     * TEXT (and PAIR; null: none) through the model, every layer's attention kept: a BERT model, or a transformer
     * trained here, whose text is its task's words separated by spaces.
     */
    Traced trace(String text, String pair) {
        if (trainedHere()) {
            TrainedModel m = TrainedModel.load(Path.of(name));
            if (pair != null) throw new InputException(name + " is the " + m.name() + " and reads one text; drop --pair");
            return new Traced(m.run(m.parse(text), null).trace(), "checkpoint " + m.checkpoint().toAbsolutePath());
        }
        try (AttentionModel m = Models.load(name)) {
            return new Traced(pair == null ? m.trace(text, Capture.attention()) : m.tracePair(text, pair, Capture.attention()),
                    m.source());
        }
    }

    /** What Models.load makes of --model (for commands that handle a folder of attend train before). */
    AttentionModel load() {
        return Models.load(name);
    }

    /**
     * The pretrained model; a folder of attend train is refused with {@code why}: what the command needs, and what
     * to use instead.
     */
    AttentionModel loadPretrained(String why) {
        if (trainedHere()) throw new InputException(name + " is a model trained here (attend train); " + why);
        return load();
    }
}
